import AppCore
import Remediation

/// The mail channel: composes each rendered message and hands it to the SMTP relay, addressed to the recipient's
/// configured mailboxes.
public struct MailSender: MessageSender {
    public var client: SMTPClient
    public var composer: MailComposer
    public var addresses: [Recipient: [String]]
    public var clock: any WallClock

    public init(client: SMTPClient, composer: MailComposer, addresses: [Recipient: [String]], clock: any WallClock) {
        self.client = client
        self.composer = composer
        self.addresses = addresses
        self.clock = clock
    }

    public var channel: String { "mail" }

    public func reaches(_ recipient: Recipient) -> Bool { !(addresses[recipient] ?? []).isEmpty }

    public func send(_ message: RenderedMessage) async throws(DeliveryError) {
        let to = addresses[message.recipient] ?? []
        guard !to.isEmpty else {
            throw DeliveryError(
                channel: channel, key: message.key, reason: "no mail address for \(message.recipient)",
                isPermanent: true)
        }
        let text = composer.compose(message, to: to, date: clock.now())
        do {
            try await client.send(from: composer.from, to: to, message: text)
        } catch {
            throw DeliveryError(
                channel: channel, key: message.key, reason: error.description, isPermanent: error.isPermanent)
        }
    }
}
