#!/usr/bin/env bash
# bench/store.sh BUILD_DIR - the store's figures for BENCHMARKS.md:
#  1. ingest rate with durable commits (synchronous=FULL) on Reuters-21578
#     into a new store, batch 1000 vs batch 100 vs synchronous=NORMAL, and
#     concord dedup on the same input, in the same run;
#  2. a 1,000,000-article store built from recombined real sentences
#     (bench/store_corpus.py; built once, kept in the scratch directory);
#  3. concord query latency (p50/p99 of 1,000 queries: near copies, exact
#     copies and new articles) against that store, cold (page cache
#     dropped when possible) and warm;
#  4. incremental ingest of 60,000 new articles into the 1M store (default
#     batch of 1000, durable; the band index merges once).
# Environment: CONCORD_CORPORA (default ../shared/corpora), STORE_BENCH_DIR
# (scratch, default ${TMPDIR:-/tmp}/concord-store-bench; needs ~4 GB),
# COUNT (default 1000000), PYTHON (default python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-build}
[[ -d $build ]] || build=$root/$build
concord=$(cd "$build" && pwd)/concord
corpora=${CONCORD_CORPORA:-$root/../shared/corpora}
scratch=${STORE_BENCH_DIR:-${TMPDIR:-/tmp}/concord-store-bench}
count=${COUNT:-1000000}
python=${PYTHON:-python3}
if [[ ! -d $corpora ]]; then echo "corpora not found at $corpora; skipping"; exit 0; fi
[[ -x $concord ]] || { echo "no concord binary in $build" >&2; exit 2; }
mkdir -p "$scratch"
reuters=$corpora/reuters21578.jsonl
summary() { grep -o 'written and committed in .*' "$1" | head -1; }

echo "## machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(date -u +%F)"
echo "### 1. ingest of Reuters-21578 (19,043 articles) into a new store"
for cfg in "--batch 1000" "--batch 100" "--batch 1000 --sync normal"; do
    rm -f "$scratch"/r.db*
    # shellcheck disable=SC2086
    "$concord" ingest --db "$scratch/r.db" --no-progress $cfg "$reuters" >/dev/null 2>"$scratch/r.err"
    echo "ingest $cfg: $(summary "$scratch/r.err")"
done
/usr/bin/time -f '%e s' -o "$scratch/d.time" "$concord" dedup -q --no-progress "$reuters" >/dev/null
echo "dedup (in memory, no store): $(cat "$scratch/d.time")"

big=$scratch/store-$count.db
if [[ ! -s $big ]]; then
    echo "### 2. building the $count-article store"
    start=$(date +%s)
    "$python" "$here/store_corpus.py" "$corpora" --count "$count" |
        "$concord" ingest --db "$big" --batch 50000 --cache 1G --no-progress -q - >/dev/null
    echo "built in $(( $(date +%s) - start )) s (generator and ingest in one pipe)"
fi
echo "store: $(du -h "$big" | cut -f1), $(sqlite3 "$big" 'SELECT count(*) FROM articles') articles"

echo "### 3. query latency against the $count-article store"
"$python" "$here/store_corpus.py" "$corpora" --count "$count" --queries 1000 >"$scratch/queries.jsonl"
if sync && echo 1 >/proc/sys/vm/drop_caches 2>/dev/null; then echo "(page cache dropped)"; else echo "(page cache NOT dropped: not root)"; fi
"$concord" query --db "$big" --no-progress "$scratch/queries.jsonl" >"$scratch/q.out" 2>"$scratch/q.err"
echo "cold: $(tail -1 "$scratch/q.err")"
"$concord" query --db "$big" --no-progress "$scratch/queries.jsonl" >"$scratch/q.out" 2>"$scratch/q.err"
echo "warm: $(tail -1 "$scratch/q.err")"
echo "relations found: $(grep -o '"relation":"[a-z]*"' "$scratch/q.out" | sort | uniq -c | tr '\n' ' ')"

echo "### 4. incremental ingest of 60,000 new articles (one merge of the band index) into the $count-article store"
"$python" "$here/store_corpus.py" "$corpora" --count 60000 --seed 77 | sed 's/"id": "gen-/"id": "more-/' >"$scratch/more.jsonl"
"$concord" ingest --db "$big" --no-progress "$scratch/more.jsonl" >/dev/null 2>"$scratch/m.err"
tail -2 "$scratch/m.err"
