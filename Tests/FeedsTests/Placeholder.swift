import Testing

@Suite struct PlaceholderFeedsTests {}
