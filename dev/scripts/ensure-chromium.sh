#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser check. The project never downloads a
# browser build of its own: it uses the distribution's package, installed with apt when missing.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing at $chromium_path; installing Debian's chromium package."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi

echo "Chromium is missing at $chromium_path. Install it (on Debian: apt-get install -y chromium)" \
    "or set CHROMIUM_PATH to a Chromium binary, then run the tests again." >&2
exit 1
