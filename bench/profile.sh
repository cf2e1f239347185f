#!/usr/bin/env bash
# bench/profile.sh BUILD_DIR [FILE] - where `concord dedup` spends its CPU time, by phase.
#
# Samples one `concord dedup -q --no-progress` run with `perf record --call-graph dwarf`
# and prints, for each phase, the share of samples whose call stack passes through the
# function that implements it (inclusive time, as `perf report --children` counts it).
# FILE defaults to reuters21578.jsonl in the corpora directory (CONCORD_CORPORA, default
# ../shared/corpora from the repo root); skips cleanly without perf or the corpus.
# The function names are those of the current sources; a renamed one shows as "-".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-build}
if [[ ! -d $build && -d $root/$build ]]; then build=$root/$build; fi
concord=$build/concord
corpora=${CONCORD_CORPORA:-$root/../shared/corpora}
file=${2:-$corpora/reuters21578.jsonl}

if [[ ! -r $file ]]; then echo "corpus not found at $file; skipping profile"; exit 0; fi
if ! command -v perf >/dev/null || ! perf stat -e task-clock -o /dev/null true 2>/dev/null; then
    echo "perf is not available (apt-get install linux-perf, perf_event_paranoid <= 2); skipping profile"
    exit 0
fi
[[ -x $concord ]] || { echo "bench/profile.sh: no concord at $concord" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
perf record -q -o "$tmp/perf.data" -F 4000 --call-graph dwarf,16384 \
    "$concord" dedup -q --no-progress "$file" >/dev/null 2>"$tmp/record.err"
perf report -i "$tmp/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
    awk '/%/ { sym = $NF == "-" ? $(NF - 2) : $NF; for (i = 1; i <= NF; i++) if ($i ~ /^\[[.k]\]$/) { sym = $(i + 1); break }
               if (!(sym in pct)) pct[sym] = $1 }
         END { for (s in pct) print s, pct[s] }' >"$tmp/children"

share() { awk -v s="$1" '$1 == s { print $2; found = 1 } END { if (!found) print "-" }' "$tmp/children"; }

echo "concord dedup $(basename "$file"): share of CPU samples (inclusive) by phase"
echo
echo "| phase | function | share |"
echo "|---|---|---:|"
row() { echo "| $1 | \`$2\` | $(share "$2") |"; }
row "read + JSON parse (whole)" next_jsonl
row "- of which jansson json_loadb" json_loadb
row "tokenise + shingle + MinHash (whole)" concord_dedup_add
row "- of which normalise + tokenise" concord_text_analyse
row "- of which shingle hashing" shingles_hash
row "- of which MinHash signature" minhash_sign
row "LSH candidates, verification, groups" concord_dedup_run
row "LSH parameter search (start-up)" concord_dedup_create
row "page faults (kernel, all phases)" exc_page_fault
