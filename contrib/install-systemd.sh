#!/usr/bin/env bash
# Installs the fetch and digest timers for the current user (systemd --user).
# Expects the repository at ~/aggregator with a release build (swift build -c release --static-swift-stdlib).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
units="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
mkdir -p "$units"
cp "$here"/systemd/aggregator-{fetch,digest}.{service,timer} "$units"/
systemctl --user daemon-reload
systemctl --user enable --now aggregator-fetch.timer aggregator-digest.timer
systemctl --user list-timers 'aggregator-*'
