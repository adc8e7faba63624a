#!/bin/sh
# Store benchmarks for docs/benchmarks/store.md. Usage: Benchmarks/store-bench.sh [WORKDIR]
# Needs a release build (swift build -c release --static-swift-stdlib) and the peers corpus in /work/peers/corpus (or $CORPUS).
set -eu
A=${AGGREGATOR:-$(dirname "$0")/../.build/release/aggregator}
W=${1:-/tmp/aggregator-store-bench}
CORPUS=${CORPUS:-/work/peers/corpus/small}
mkdir -p "$W"

echo "## import of $CORPUS (3 cold runs, each into an empty store, then 3 re-imports)"
for run in 1 2 3; do
    rm -rf "$W/import"
    /usr/bin/time -f "  cold: wall=%es user=%Us sys=%Ss maxrss=%MKB" "$A" import --store "$W/import" "$CORPUS"/*.xml | tail -1
done
for run in 1 2 3; do
    /usr/bin/time -f "  again: wall=%es user=%Us sys=%Ss maxrss=%MKB" "$A" import --store "$W/import" "$CORPUS"/*.xml | tail -1
done
echo "## the same files through the parser alone"
for run in 1 2 3; do
    /usr/bin/time -f "  parse: wall=%es user=%Us sys=%Ss" "$A" parse --stats "$CORPUS"/*.xml
done

echo "## disk use against the items' own JSON"
python3 - "$W/import" <<'PY'
import glob, json, os, sys
root = sys.argv[1]
items = 0
for path in glob.glob(root + "/segments/*/*.jsonl"):
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["t"] == "item":
                items += len(json.dumps(record["item"], ensure_ascii=False, separators=(",", ":")).encode())
total = 0
parts = {}
for dirpath, _, names in os.walk(root):
    for name in names:
        size = os.path.getsize(os.path.join(dirpath, name))
        total += size
        part = os.path.relpath(dirpath, root).split(os.sep)[0]
        parts[part] = parts.get(part, 0) + size
print(f"  items' JSON: {items} bytes; store: {total} bytes ({total / items:.3f}x); by folder: {parts}")
PY

echo "## adding 1,000 items to stores of 10k / 100k / 1M items (fill untimed, then 3 timed runs each)"
for size in 10000 100000 1000000; do
    "$A" bench-store --store "$W/curve-$size" --items "$size" --add 0 --since 0 > /dev/null
    for run in 1 2 3; do
        /usr/bin/time -f "    process: wall=%es maxrss=%MKB" "$A" bench-store --store "$W/curve-$size" --items 0 --add 1000
    done
    du -sh "$W/curve-$size"
done
