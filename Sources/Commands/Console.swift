import Foundation

/// Standard output and error for messages (findings go through `OutputSink`).
enum Console {
    static func output(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
