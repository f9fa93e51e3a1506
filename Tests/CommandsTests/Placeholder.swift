import Testing

@Suite struct PlaceholderCommandsTests {}
