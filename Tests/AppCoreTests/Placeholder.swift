import Testing

@Suite struct PlaceholderAppCoreTests {}
