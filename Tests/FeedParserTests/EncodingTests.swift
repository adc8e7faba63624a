import FeedModel
import FeedParser
import Foundation
import Testing

/// Encodings beyond what the goldens show: the outside charset, and the detector's choices.
@Suite struct EncodingTests {
    @Test func outsideCharsetWinsOverTheDeclaration() throws {
        // Declared ISO-8859-1 but really windows-1251, as a server's Content-Type says.
        let data = try Fixtures.data("enc-outside-charset.xml")
        let feed = try FeedDocumentParser.parse(data, options: ParseOptions(charset: "windows-1251"))
        #expect(feed.title == "Новости Донбасса")
        #expect(feed.items.first?.title == "Переговоры в Стамбуле: «перемирие» — снова")
        #expect(feed.warnings.isEmpty)
    }

    @Test func unknownOutsideCharsetFallsBackToTheBytes() throws {
        let data = try Fixtures.data("enc-undeclared-utf-8.xml")
        let feed = try FeedDocumentParser.parse(data, options: ParseOptions(charset: "x-no-such-charset"))
        #expect(feed.title == "Київ новини")
        #expect(feed.warnings.first?.contains("x-no-such-charset") == true)
    }

    @Test func byteOrderMarkWinsOverOutsideCharset() throws {
        let data = try Fixtures.data("enc-utf-8-bom.xml")
        let feed = try FeedDocumentParser.parse(data, options: ParseOptions(charset: "windows-1251"))
        #expect(feed.title == "BOM Київ")
    }

    @Test(arguments: [
        ("enc-windows-1251.xml", "Новости Донбасса"), ("enc-koi8-r.xml", "Новости Донбасса"),
        ("enc-iso-8859-5.xml", "Новости Донбасса"), ("enc-iso-8859-2.xml", "Wiadomości z Łodzi"),
        ("enc-iso-8859-15.xml", "Prix en €"), ("enc-iso-8859-1.xml", "Café münchen"),
        ("enc-undeclared-windows-1251.xml", "Новости Донбасса"), ("enc-undeclared-windows-1252.xml", "Café München"),
        ("enc-mojibake.xml", "CafÃ© â€” mojibake"), ("enc-utf-16le-bom.xml", "UTF-16 Київ"),
    ])
    func titleIsDecoded(_ file: String, title: String) throws {
        let feed = try FeedDocumentParser.parse(Fixtures.data(file))
        #expect(feed.title == title)
    }
}
