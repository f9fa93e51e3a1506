import Testing

@Suite struct PlaceholderCPETests {}
