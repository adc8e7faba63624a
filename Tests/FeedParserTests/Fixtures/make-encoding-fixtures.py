#!/usr/bin/env python3
"""Writes the encoding fixtures in feeds/ byte for byte (run from this folder: python3 make-encoding-fixtures.py).

Each document carries the same kind of text in a different encoding; the golden JSON next to it holds the
expected (UTF-8) text, so a wrong decoding shows up as a wrong title.
"""

def rss(title, item, declaration=True, encoding=None):
    head = ""
    if declaration:
        head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding else '<?xml version="1.0"?>\n'
    return (head + '<rss version="2.0"><channel><title>' + title + '</title><link>http://example.com/</link>'
            '<item><title>' + item + '</title><link>http://example.com/1</link></item></channel></rss>\n')

RU_TITLE = "Новости Донбасса"
RU_ITEM = "Переговоры в Стамбуле: «перемирие» — снова"

def write(name, text, codec, **kwargs):
    data = text.encode(codec)
    with open("feeds/" + name, "wb") as f:
        f.write(kwargs.get("prefix", b"") + data)

write("enc-windows-1251.xml", rss(RU_TITLE, RU_ITEM, encoding="windows-1251"), "cp1251")
write("enc-koi8-r.xml", rss(RU_TITLE, "Переговоры в Стамбуле — снова".replace("—", "-"), encoding="KOI8-R"), "koi8_r")
write("enc-iso-8859-5.xml", rss(RU_TITLE, "Переговоры в Стамбуле", encoding="ISO-8859-5"), "iso8859_5")
write("enc-iso-8859-2.xml", rss("Wiadomości z Łodzi", "Žluťoučký kůň úpěl ďábelské ódy", encoding="ISO-8859-2"), "iso8859_2")
write("enc-iso-8859-15.xml", rss("Prix en €", "Œuvre coûte 5 € à Zürich", encoding="ISO-8859-15"), "iso8859_15")
# Declared ISO-8859-1, with windows-1252 smart quotes (0x93/0x94) as real feeds have: read as windows-1252.
with open("feeds/enc-iso-8859-1.xml", "wb") as f:
    f.write(rss("Caf\xe9 m\xfcnchen", "\x93Quoted\x94 na\xefve", encoding="ISO-8859-1").encode("latin-1"))
# No declaration at all.
write("enc-undeclared-windows-1251.xml", rss(RU_TITLE, RU_ITEM, declaration=False), "cp1251")
write("enc-undeclared-windows-1252.xml", rss("Café München", "Ça coûte “cher” à Zürich", declaration=False), "cp1252")
write("enc-undeclared-utf-8.xml", rss("Київ новини", "Переговори у Стамбулі — знову", declaration=False), "utf-8")
# Declared UTF-8, but the bytes are windows-1251 (a misconfigured server).
write("enc-wrong-declared.xml", rss(RU_TITLE, RU_ITEM, encoding="UTF-8"), "cp1251")
# Declared ISO-8859-1, bytes windows-1251: only right when the HTTP charset (windows-1251) is handed in.
write("enc-outside-charset.xml", rss(RU_TITLE, RU_ITEM, encoding="ISO-8859-1"), "cp1251")
# BOMs.
write("enc-utf-8-bom.xml", rss("BOM Київ", "Ünïcödé", encoding="UTF-8"), "utf-8", prefix=b"\xef\xbb\xbf")
write("enc-utf-16le-bom.xml", rss("UTF-16 Київ", "Ünïcödé", encoding="UTF-16"), "utf-16")  # Python adds the BOM
# Mojibake already in the (valid UTF-8) bytes stays as it is.
write("enc-mojibake.xml", rss("CafÃ© â€” mojibake", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", encoding="UTF-8"), "utf-8")
