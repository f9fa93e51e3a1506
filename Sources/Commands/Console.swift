import Foundation

/// Standard output and error for messages (findings go through `OutputSink`).
enum Console {
    static func output(_ text: String) {
        print(text)
    }

    /// A line on standard output written at once, not when the buffer fills: for a long-running command whose
    /// output is redirected (`vans serve`'s URL would otherwise appear only at exit).
    static func status(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
