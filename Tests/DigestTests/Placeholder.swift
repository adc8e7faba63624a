import Testing

@Suite struct DigestTestsPlaceholder {}
