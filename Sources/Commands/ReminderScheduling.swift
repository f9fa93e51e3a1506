import AppCore
import ArgumentParser

/// The daily reminder run of a long-running process, `vans serve` and `vans worker` alike: the delivery flags,
/// the hour and the switch. Either process queues the day's run as one job (dedupe key `remind:<day>`), so any
/// number of them can carry these flags (ADR 0021).
struct ReminderScheduling: ParsableArguments {
    @OptionGroup var delivery: ReminderDelivery
    @Option(help: "When the day's reminders go out, HH:MM in Taiwan time (default 09:00); needs --smtp or --webhook.")
    var remindAt: String = "09:00"
    @Flag(help: "Send no reminders from this process (run `vans remind` instead).") var noReminders = false

    /// The run's time and channels; nil when turned off or when there is nothing to send with.
    func scheduled() throws -> (schedule: ReminderSchedule, channels: ReminderChannels)? {
        guard let schedule = ReminderSchedule(parsing: remindAt) else {
            throw CommandFailure(message: "--remind-at: expected HH:MM (Taiwan time), got \(remindAt)")
        }
        guard !noReminders else { return nil }
        guard delivery.hasChannel else {
            Console.status("reminders: off (no --smtp or --webhook; --no-reminders silences this)")
            return nil
        }
        return (schedule, try delivery.channels())
    }
}
