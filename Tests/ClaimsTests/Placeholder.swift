import Testing

@Suite struct ClaimsTestsPlaceholder {}
