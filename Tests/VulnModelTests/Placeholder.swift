import Testing

@Suite struct PlaceholderVulnModelTests {}
