#!/usr/bin/env bash
# One command for a newcomer on a fresh Debian machine: installs the C libraries if they are missing, builds
# aggregator, and runs the whole job offline on the demo feeds (see README.md, "Quick start").
#
# AGGREGATOR_DEMO_BINARY=/path/to/aggregator skips the package check and the build and runs that binary instead
# (the test suite uses it to run this script end to end with the binary it already built). Arguments are passed
# on to `aggregator demo`, e.g. `contrib/demo.sh --output /tmp/demo --port 0`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${AGGREGATOR_DEMO_BINARY:-}" ]; then
    exec "$AGGREGATOR_DEMO_BINARY" demo "$@"
fi

missing=()
for package in libxml2-dev libcurl4-openssl-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} ..."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "aggregator needs the Swift 6.1+ toolchain (https://www.swift.org/install/linux/): install it and run this again." >&2
    exit 2
fi

echo "Building aggregator (release) ..."
swift build -c release --static-swift-stdlib
exec .build/release/aggregator demo "$@"
