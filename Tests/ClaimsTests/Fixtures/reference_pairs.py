#!/usr/bin/env python3
"""Reference (item, claim) pairs for the claims tagger, computed with the bench's claimq.py.

Usage: reference_pairs.py BENCH_DIR CLAIMS.json ITEMS.jsonl [LIMIT] > pairs.tsv

Semantics are tag_bench.py's regex engine: for each item, title + " | " + text; each term is
claimq.term_regex searched case-insensitively; each claim's tree evaluated with claimq.evaluate.
Two prefilters keep it fast without changing the result: a term is searched only if its first
word is one of the item's words (or, for a one-word prefix term, a prefix of one), and a claim
is evaluated only if one of its terms was found or it can be true with no term at all.
Output: one "item_id<TAB>claim_id" line per pair, sorted (the order of tag_bench's checksum).
"""
import json
import re
import sys

sys.path.insert(0, sys.argv[1])
import claimq  # noqa: E402

SEP = " | "
WORD = re.compile(r"\w+")


def main() -> int:
    table = claimq.TermTable()
    claims = claimq.load_claims(sys.argv[2], table)
    regexes = [re.compile(claimq.term_regex(text, prefix), re.IGNORECASE) for text, prefix in table.terms]
    by_word, by_prefix, unanchored = {}, {}, []
    for tid, (text, prefix) in enumerate(table.terms):
        m = WORD.match(text)
        if m is None:
            unanchored.append(tid)
        elif prefix and m.end() == len(text):
            by_prefix.setdefault(m.group(0), []).append(tid)
        else:
            by_word.setdefault(m.group(0), []).append(tid)
    prefix_lengths = sorted({len(p) for p in by_prefix})
    by_term = {}
    always = []
    for ci, c in enumerate(claims):
        for t in claimq.term_ids(c.ast):
            by_term.setdefault(t, []).append(ci)
        if claimq.evaluate(c.ast, lambda t: False):
            always.append(ci)
    pairs = []
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with open(sys.argv[3], encoding="utf-8") as f:
        for number, line in enumerate(f):
            if limit is not None and number >= limit:
                break
            d = json.loads(line)
            text = d["title"] + SEP + d["text"]
            words = set(WORD.findall(text.lower()))
            maybe = set(unanchored)
            for w in words:
                maybe.update(by_word.get(w, ()))
                for n in prefix_lengths:
                    if n > len(w):
                        break
                    maybe.update(by_prefix.get(w[:n], ()))
            found = {t for t in maybe if regexes[t].search(text) is not None}
            cands = set(always)
            for t in found:
                cands.update(by_term.get(t, ()))
            for ci in sorted(cands):
                if claimq.evaluate(claims[ci].ast, found.__contains__):
                    pairs.append((d["id"], claims[ci].id))
    pairs.sort()
    for iid, cid in pairs:
        sys.stdout.write(f"{iid}\t{cid}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
