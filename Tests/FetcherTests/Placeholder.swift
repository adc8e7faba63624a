import Testing

@Suite struct FetcherTestsPlaceholder {}
