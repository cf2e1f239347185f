#!/usr/bin/env bash
# Install the Debian 12 packages concord needs to build and test, skipping
# those already present. Runs apt-get only when something is missing.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds the benchmark tools)
set -euo pipefail

packages=(cmake make gcc pkg-config libutf8proc-dev libxxhash-dev libjansson-dev
          zlib1g-dev libzstd-dev libstemmer-dev libcmocka-dev zstd gzip
          wordnet-base mythes-en-us jq libsqlite3-dev sqlite3
          chromium)  # chromium: headless browser check of concord report (large)
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(python3 python3-numpy time)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
