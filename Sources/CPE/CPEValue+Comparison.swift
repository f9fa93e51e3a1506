// NISTIR 7696 attribute comparison (§6.1, Table 6-2; pseudocode §7.3 `compare` and `compareStrings`).

extension CPEValue {
    /// The relation of this source value to `target`, by Table 6-2: string literals compare without regard to
    /// letter case, wildcards in the source match (`*` any run of characters, each `?` zero or one character), and
    /// wildcards in the target make the result undefined.
    public func relation(to target: CPEValue) -> CPERelation {
        if case .value(let text) = target, WFNText.containsWildcards(text) { return .undefined }
        switch (self, target) {
        case (.any, .any), (.notApplicable, .notApplicable): return .equal
        case (.any, _): return .superset
        case (_, .any): return .subset
        case (.notApplicable, _), (_, .notApplicable): return .disjoint
        case (.value(let source), .value(let target)): return WildcardMatch.relation(of: source, to: target)
        }
    }
}

/// `compareStrings` on WFN-form bytes.
///
/// Two deliberate departures from the informative pseudocode, both where it contradicts the normative text of
/// §6.3: a match may only start on a character boundary of the target (not after the backslash of a quoted
/// character), and the characters left over after a match are counted once, not minus the backslashes inside
/// the matched part as well (the pseudocode would let `1\.0?` match `1\.0ab`). A source of `?`s alone, where the
/// pseudocode's substring bounds cross, matches any target of at most that many characters.
enum WildcardMatch {
    static func relation(of source: String, to target: String) -> CPERelation {
        if source == target { return .equal }
        var source = source
        var target = target
        return source.withUTF8 { sourceBytes in
            target.withUTF8 { targetBytes in relation(of: sourceBytes, to: targetBytes) }
        }
    }

    private static func relation(
        of source: UnsafeBufferPointer<UInt8>,
        to target: UnsafeBufferPointer<UInt8>
    ) -> CPERelation {
        if equalIgnoringCase(source, target) { return .equal }
        var start = 0
        var end = source.count
        var leadingAny = false
        var leadingMarks = 0
        var trailingAny = false
        var trailingMarks = 0
        if end > 0 && source[0] == ASCII.asterisk {
            leadingAny = true
            start = 1
        } else {
            while start < end && source[start] == ASCII.question {
                start += 1
                leadingMarks += 1
            }
        }
        if end > start && source[end - 1] == ASCII.asterisk && isUnquoted(source, end - 1) {
            trailingAny = true
            end -= 1
        } else {
            while end > start && source[end - 1] == ASCII.question && isUnquoted(source, end - 1) {
                end -= 1
                trailingMarks += 1
            }
        }
        if !leadingAny && !trailingAny && leadingMarks == 0 && trailingMarks == 0 { return .disjoint }

        let body = UnsafeBufferPointer(rebasing: source[start..<end])
        let remainderAfterBody = characterCount(target) - characterCount(body)
        var index = 0
        var before = 0
        while index + body.count <= target.count {
            if !leadingAny && before > leadingMarks { break }
            if matches(body, target, at: index) {
                let after = remainderAfterBody - before
                if trailingAny || after <= trailingMarks { return .superset }
            }
            if index == target.count { break }
            index += target[index] == ASCII.backslash ? 2 : 1
            before += 1
        }
        return .disjoint
    }

    /// `isEvenWildcards`: the character at `index` is preceded by an even number of backslashes.
    private static func isUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var backslashes = 0
        var cursor = index
        while cursor > 0 && bytes[cursor - 1] == ASCII.backslash {
            backslashes += 1
            cursor -= 1
        }
        return backslashes % 2 == 0
    }

    /// Characters as the WFN means them: a quoted pair counts once.
    private static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            index += bytes[index] == ASCII.backslash ? 2 : 1
            count += 1
        }
        return count
    }

    private static func matches(_ body: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>, at index: Int)
        -> Bool
    {
        var offset = 0
        while offset < body.count {
            if ASCII.lowercased(body[offset]) != ASCII.lowercased(target[index + offset]) { return false }
            offset += 1
        }
        return true
    }

    private static func equalIgnoringCase(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool
    {
        guard lhs.count == rhs.count else { return false }
        return matches(lhs, rhs, at: 0)
    }
}
