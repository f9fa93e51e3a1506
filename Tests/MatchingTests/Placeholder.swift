import Testing

@Suite struct PlaceholderMatchingTests {}
