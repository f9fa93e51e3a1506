import Testing

@Suite struct PlaceholderVersioningTests {}
