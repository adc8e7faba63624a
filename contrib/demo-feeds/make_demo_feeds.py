#!/usr/bin/env python3
"""Writes the demo feeds in Feeds/demo/ from the story in stories.py.

Run from the repository root:  python3 contrib/demo-feeds/make_demo_feeds.py
The output is committed; run this only after editing stories.py. Only the standard library is used.

Formats written: RSS 2.0 (with content:encoded and dc:creator, one without guids), Atom 1.0, RSS 1.0 (RDF),
JSON Feed 1.1, a Russian RSS 2.0 feed encoded in windows-1251, a Ukrainian RSS 2.0 feed, and a deliberately
broken RSS feed (bare '&', an undeclared '&nbsp;' entity, and a file cut off mid-item).
"""
import datetime as dt
import json
import os
import sys
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stories  # noqa: E402

OUT = os.path.join("Feeds", "demo")
DEMO_NOTE = "DEMO FEED written for aggregator: invented outlet and reporting, loosely following August 2025 events."
KYIV = dt.timezone(dt.timedelta(hours=3))
MOSCOW = dt.timezone(dt.timedelta(hours=3))


def when(stamp, tz=dt.timezone.utc):
    return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M").replace(tzinfo=dt.timezone.utc).astimezone(tz)


def rfc822(stamp, tz=dt.timezone.utc):
    return format_datetime(when(stamp, tz))


def rfc3339(stamp):
    return when(stamp).strftime("%Y-%m-%dT%H:%M:%SZ")


def html_body(summary, paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in [summary, *paragraphs])


def newest(items):
    return max(i[1] for i in items)


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding))


def rss2(items, *, title, site, description, language, tz, guid, cdata, creator=True):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"  <title>{escape(title)}</title>",
        f"  <link>{site}</link>",
        f"  <description>{escape(description + ' ' + DEMO_NOTE)}</description>",
        f"  <language>{language}</language>",
        f"  <lastBuildDate>{rfc822(newest(items), tz)}</lastBuildDate>",
        "  <ttl>30</ttl>",
    ]
    for slug, stamp, author, t, summary, paras in sorted(items, key=lambda i: i[1], reverse=True):
        link = f"{site}{stamp[:10].replace('-', '/')}/{slug}"
        body = html_body(summary, paras)
        out += ["  <item>", f"    <title>{escape(t)}</title>", f"    <link>{link}</link>"]
        if guid == "permalink":
            out.append(f'    <guid isPermaLink="true">{link}</guid>')
        elif guid == "opaque":
            out.append(f'    <guid isPermaLink="false">{site.split("//")[1].split(".")[0]}:{stamp[:10]}:{slug}</guid>')
        out.append(f"    <pubDate>{rfc822(stamp, tz)}</pubDate>")
        if creator:
            out.append(f"    <dc:creator>{escape(author)}</dc:creator>")
        out.append(f"    <description>{escape(summary)}</description>")
        if cdata:
            out.append(f"    <content:encoded><![CDATA[{body}]]></content:encoded>")
        else:
            out.append(f"    <content:encoded>{escape(body)}</content:encoded>")
        out.append("  </item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(items, *, title, site, feed_file, subtitle):
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(subtitle + ' ' + DEMO_NOTE)}</subtitle>",
        f'  <link rel="alternate" type="text/html" href="{site}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{site}{feed_file}"/>',
        f"  <id>tag:summit-watch.example,2025:feed</id>",
        f"  <updated>{rfc3339(newest(items))}</updated>",
    ]
    for slug, stamp, author, t, summary, paras in sorted(items, key=lambda i: i[1], reverse=True):
        link = f"{site}analysis/{slug}"
        out += [
            "  <entry>",
            f"    <title>{escape(t)}</title>",
            f'    <link rel="alternate" type="text/html" href="{link}"/>',
            f"    <id>tag:summit-watch.example,2025:{slug}</id>",
            f"    <published>{rfc3339(stamp)}</published>",
            f"    <updated>{rfc3339(stamp)}</updated>",
            f"    <author><name>{escape(author)}</name></author>",
            f"    <summary>{escape(summary)}</summary>",
            f'    <content type="html">{escape(html_body(summary, paras))}</content>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out)


def rdf(items, *, title, site, description):
    ordered = sorted(items, key=lambda i: i[1], reverse=True)
    links = [f"{site}notes/{slug}" for slug, *_ in ordered]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'  <channel rdf:about="{site}">',
        f"    <title>{escape(title)}</title>",
        f"    <link>{site}</link>",
        f"    <description>{escape(description + ' ' + DEMO_NOTE)}</description>",
        f"    <dc:date>{rfc3339(newest(items))}</dc:date>",
        "    <items>",
        "      <rdf:Seq>",
        *[f'        <rdf:li rdf:resource="{link}"/>' for link in links],
        "      </rdf:Seq>",
        "    </items>",
        "  </channel>",
    ]
    for link, (slug, stamp, author, t, summary, paras) in zip(links, ordered):
        out += [
            f'  <item rdf:about="{link}">',
            f"    <title>{escape(t)}</title>",
            f"    <link>{link}</link>",
            f"    <description>{escape(' '.join([summary, *paras]))}</description>",
            f"    <dc:date>{rfc3339(stamp)}</dc:date>",
            f"    <dc:creator>{escape(author)}</dc:creator>",
            "  </item>",
        ]
    out += ["</rdf:RDF>", ""]
    return "\n".join(out)


def json_feed(items, *, title, site, feed_file, description):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": site,
        "feed_url": site + feed_file,
        "description": description + " " + DEMO_NOTE,
        "language": "en",
        "authors": [{"name": "Brussels Briefing desk"}],
        "items": [
            {
                "id": f"{site}briefing/{slug}",
                "url": f"{site}briefing/{slug}",
                "title": t,
                "summary": summary,
                "content_html": html_body(summary, paras),
                "date_published": rfc3339(stamp),
                "authors": [{"name": author}],
                "tags": ["Ukraine", "EU"],
            }
            for slug, stamp, author, t, summary, paras in sorted(items, key=lambda i: i[1], reverse=True)
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def broken_newsletter(items):
    """An RSS 2.0 newsletter feed with three faults a lenient parser must survive."""
    site = "https://thelonggame.example/"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        "  <title>The Long Game &#8212; a newsletter on the war & the talks (demo)</title>",  # bare '&'
        f"  <link>{site}</link>",
        f"  <description>Weekly-ish letters on Ukraine, Russia&nbsp;and the peace talks. {DEMO_NOTE}</description>",
        f"  <lastBuildDate>{rfc822(newest(items))}</lastBuildDate>",
    ]
    ordered = sorted(items, key=lambda i: i[1])
    for n, (slug, stamp, author, t, summary, paras) in enumerate(ordered):
        last = n == len(ordered) - 1
        # Faults: the titles keep their bare '&'; descriptions use the HTML-only entity &nbsp;.
        text = " ".join([summary, *paras]).replace("&", "&amp;").replace("<", "&lt;")
        text = text.replace(". ", ".&nbsp; ", 1)
        item = [
            "  <item>",
            f"    <title>{t.replace('<', '&lt;')}</title>",
            f"    <link>{site}p/{slug}</link>",
            f'    <guid isPermaLink="false">longgame-{slug}</guid>',
            f"    <pubDate>{rfc822(stamp)}</pubDate>",
            f"    <dc:creator>{author}</dc:creator>",
            f"    <description>{text}</description>",
            "  </item>",
        ]
        if last:
            # The download was cut off in the middle of the last item's description.
            cut = item[-2]
            item = item[:-2] + [cut[: len(cut) // 2]]
        out += item
    return "\n".join(out)  # no closing tags, no final newline: truncated


def opml():
    feeds = [
        ("Ukraine", [("Kyiv Dispatch (demo)", "kyiv-dispatch.xml", "rss"),
                     ("Український вісник (демо)", "ukrainskyi-visnyk.xml", "rss"),
                     ("Frontline Notes (demo)", "frontline-notes.rdf", "rss")]),
        ("Russia", [("Московский обозреватель (демо)", "moskovsky-obozrevatel.xml", "rss")]),
        ("Wires and diplomacy", [("Capital Wire (demo)", "capital-wire.xml", "rss"),
                                 ("Brussels Briefing (demo)", "brussels-briefing.json", "json"),
                                 ("Markets & Sanctions Monitor (demo)", "markets-sanctions.xml", "rss")]),
        ("Analysis and newsletters", [("Summit Watch (demo)", "summit-watch.atom", "atom"),
                                      ("The Long Game newsletter (demo, deliberately broken)",
                                       "long-game-newsletter.xml", "rss")]),
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!-- Demo subscriptions. {PORT} is a literal placeholder: the demo command substitutes the port of the',
        '     local server that serves Feeds/demo/. All feeds are invented demo material. -->',
        '<opml version="2.0">',
        "  <head>",
        "    <title>aggregator demo feeds</title>",
        "    <dateCreated>Tue, 19 Aug 2025 22:00:00 GMT</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for category, entries in feeds:
        out.append(f"    <outline text={quoteattr(category)} title={quoteattr(category)}>")
        for name, file, kind in entries:
            out.append(
                f"      <outline type=\"rss\" text={quoteattr(name)} title={quoteattr(name)}"
                f" xmlUrl=\"http://127.0.0.1:{{PORT}}/{file}\" description={quoteattr(kind + ' demo feed')}/>"
            )
        out.append("    </outline>")
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("kyiv-dispatch.xml", rss2(
        stories.KYIV_DISPATCH, title="Kyiv Dispatch (demo)", site="https://kyiv-dispatch.example/",
        description="News from Kyiv on the war and the peace talks.", language="en", tz=KYIV,
        guid="permalink", cdata=True))
    write("capital-wire.xml", rss2(
        stories.CAPITAL_WIRE, title="Capital Wire (demo)", site="https://capitalwire.example/",
        description="Wire reports from Washington and Moscow.", language="en-us", tz=dt.timezone.utc,
        guid="opaque", cdata=False))
    write("markets-sanctions.xml", rss2(
        stories.MARKETS_SANCTIONS, title="Markets & Sanctions Monitor (demo)", site="https://sanctions-monitor.example/",
        description="Oil, tariffs and sanctions. Items carry no guid: readers must identify them by link.",
        language="en", tz=dt.timezone.utc, guid=None, cdata=True))
    write("ukrainskyi-visnyk.xml", rss2(
        stories.UKRAINSKYI_VISNYK, title="Український вісник (демо)", site="https://visnyk.example/",
        description="Новини про війну та мирні переговори українською.", language="uk", tz=KYIV,
        guid="opaque", cdata=True))
    ru = rss2(
        stories.MOSKOVSKY, title="Московский обозреватель (демо)", site="https://mosobozrevatel.example/",
        description="Новости о переговорах и войне на русском языке.", language="ru", tz=MOSCOW,
        guid="permalink", cdata=False)
    ru = ru.replace('encoding="UTF-8"', 'encoding="windows-1251"', 1)
    write("moskovsky-obozrevatel.xml", ru, encoding="cp1251")
    write("summit-watch.atom", atom(
        stories.SUMMIT_WATCH, title="Summit Watch (demo)", site="https://summit-watch.example/",
        feed_file="feed.atom", subtitle="Analysis of the peace talks."))
    write("frontline-notes.rdf", rdf(
        stories.FRONTLINE_NOTES, title="Frontline Notes (demo)", site="https://frontline-notes.example/",
        description="A daily note on the front line."))
    write("brussels-briefing.json", json_feed(
        stories.BRUSSELS_BRIEFING, title="Brussels Briefing (demo)", site="https://brussels-briefing.example/",
        feed_file="feed.json", description="What Europe's capitals say about Ukraine."))
    write("long-game-newsletter.xml", broken_newsletter(stories.NEWSLETTER))
    write("demo.opml", opml())
    total = sum(len(getattr(stories, n)) for n in (
        "KYIV_DISPATCH", "CAPITAL_WIRE", "MARKETS_SANCTIONS", "UKRAINSKYI_VISNYK", "MOSKOVSKY", "SUMMIT_WATCH",
        "FRONTLINE_NOTES", "BRUSSELS_BRIEFING", "NEWSLETTER"))
    print(f"wrote 9 feeds and demo.opml to {OUT}: {total} items")


if __name__ == "__main__":
    main()
