/// The non-generic face of a sink, so that the C callbacks (which cannot capture generic parameters) can reach it.
protocol BodySlot: AnyObject {
    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool
    func finish(error: FetchError?)
}

/// Holds one typed sink and, once the transfer ends, its product.
final class TypedBodySlot<Sink: FetchBodySink>: BodySlot {
    private let sink: Sink
    private(set) var product: Sink.Product?

    init(_ sink: Sink) {
        self.sink = sink
    }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        sink.receive(chunk)
    }

    func finish(error: FetchError?) {
        product = sink.finish(error: error)
    }

    /// Hands the product over once (the slot keeps no copy).
    func takeProduct() -> Sink.Product? {
        defer { product = nil }
        return product
    }
}
