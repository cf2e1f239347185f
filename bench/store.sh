#!/usr/bin/env bash
# bench/store.sh BUILD_DIR [BASELINE_CONCORD] - the store's figures for
# BENCHMARKS.md; with a second binary (an older build), every step runs
# with both, in the same session, each on its own store:
#  1. ingest rate with durable commits (synchronous=FULL) on Reuters-21578
#     into a new store, batch 1000 vs batch 100 vs synchronous=NORMAL, and
#     concord dedup on the same input;
#  2. a 1,000,000-article store built from recombined real sentences
#     (bench/store_corpus.py; built once per binary, kept in the scratch
#     directory);
#  3. concord query against that store: the time to open it (and load the
#     band index's in-memory parts) with an empty input, then the latency
#     (p50/p99 of 1,000 queries: near copies, exact copies and new
#     articles), cold (page cache dropped: needs root) and warm;
#  4. incremental ingest of 78,000 new articles into a copy of the 1M store
#     (default batch of 1000, durable; the copy leaves the 1M store as is
#     for the next run). 78,000 articles are whole merge cycles of the band
#     index for both schemas (one merge at 2^21 rows, two at 2^20), so the
#     rate includes the merges' amortised cost; the wall time to the end
#     of the process (the last checkpoint) is given too.
# Environment: CONCORD_CORPORA (default ../shared/corpora), STORE_BENCH_DIR
# (scratch, default ${TMPDIR:-/tmp}/concord-store-bench; needs ~7 GB a
# binary), COUNT (default 1000000), PYTHON (default python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-build}
[[ -d $build ]] || build=$root/$build
concord=$(cd "$build" && pwd)/concord
baseline=${2:-}
corpora=${CONCORD_CORPORA:-$root/../shared/corpora}
scratch=${STORE_BENCH_DIR:-${TMPDIR:-/tmp}/concord-store-bench}
count=${COUNT:-1000000}
python=${PYTHON:-python3}
if [[ ! -d $corpora ]]; then echo "corpora not found at $corpora; skipping"; exit 0; fi
[[ -x $concord ]] || { echo "no concord binary in $build" >&2; exit 2; }
[[ -z $baseline || -x $baseline ]] || { echo "baseline $baseline is not executable" >&2; exit 2; }
mkdir -p "$scratch"
reuters=$corpora/reuters21578.jsonl
summary() { grep -o 'written and committed in .*' "$1" | head -1; }
drop_cache() {
    if sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then echo "page cache dropped"; else echo "page cache NOT dropped: not root"; fi
}
# name:binary pairs, the baseline first
runs=("new:$concord")
[[ -n $baseline ]] && runs=("baseline:$baseline" "${runs[@]}")

echo "## machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(date -u +%F), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "### 1. ingest of Reuters-21578 (19,043 articles) into a new store"
for run in "${runs[@]}"; do
    name=${run%%:*} bin=${run#*:}
    for cfg in "--batch 1000" "--batch 100" "--batch 1000 --sync normal"; do
        rm -f "$scratch"/r.db*
        # shellcheck disable=SC2086
        "$bin" ingest --db "$scratch/r.db" --no-progress $cfg "$reuters" >/dev/null 2>"$scratch/r.err"
        echo "$name: ingest $cfg: $(summary "$scratch/r.err")"
    done
done
/usr/bin/time -f '%e s' -o "$scratch/d.time" "$concord" dedup -q --no-progress "$reuters" >/dev/null
echo "dedup (in memory, no store): $(cat "$scratch/d.time")"

"$python" "$here/store_corpus.py" "$corpora" --count "$count" --queries 1000 >"$scratch/queries.jsonl"
"$python" "$here/store_corpus.py" "$corpora" --count 78000 --seed 77 --first-day $((count / 1000)) | sed 's/"id": "gen-/"id": "more-/' >"$scratch/more.jsonl"
: >"$scratch/empty.jsonl"
for run in "${runs[@]}"; do
    name=${run%%:*} bin=${run#*:}
    big=$scratch/store-$count-$name.db
    if [[ ! -s $big ]]; then
        echo "### 2. $name: building the $count-article store"
        start=$(date +%s)
        "$python" "$here/store_corpus.py" "$corpora" --count "$count" |
            "$bin" ingest --db "$big" --batch 50000 --cache 1G --no-progress -q - >/dev/null
        echo "$name: built in $(( $(date +%s) - start )) s (generator and ingest in one pipe)"
    fi
    echo "$name: store $(du -h "$big" | cut -f1), $(sqlite3 "$big" 'SELECT count(*) FROM articles') articles"

    echo "### 3. $name: concord query against the $count-article store"
    echo "($(drop_cache))"
    /usr/bin/time -f '%e s' -o "$scratch/open.time" "$bin" query --db "$big" --no-progress "$scratch/empty.jsonl" >/dev/null 2>&1
    echo "$name: open, cold: $(cat "$scratch/open.time")"
    /usr/bin/time -f '%e s' -o "$scratch/open.time" "$bin" query --db "$big" --no-progress "$scratch/empty.jsonl" >/dev/null 2>&1
    echo "$name: open, warm: $(cat "$scratch/open.time")"
    echo "($(drop_cache))"
    "$bin" query --db "$big" --no-progress "$scratch/queries.jsonl" >"$scratch/q.out" 2>"$scratch/q.err"
    echo "$name: cold: $(tail -1 "$scratch/q.err")"
    for i in 1 2 3; do
        "$bin" query --db "$big" --no-progress "$scratch/queries.jsonl" >"$scratch/q.out" 2>"$scratch/q.err"
        echo "$name: warm $i: $(tail -1 "$scratch/q.err")"
    done
    echo "$name: relations found: $(grep -o '"relation":"[a-z]*"' "$scratch/q.out" | sort | uniq -c | tr '\n' ' ')"

    echo "### 4. $name: incremental ingest of 78,000 new articles into a copy of the $count-article store"
    rm -f "$scratch"/copy.db*
    cp "$big" "$scratch/copy.db"
    sync
    /usr/bin/time -f '%e s to exit, max RSS %M KB' -o "$scratch/m.time" \
        "$bin" ingest --db "$scratch/copy.db" --no-progress "$scratch/more.jsonl" >/dev/null 2>"$scratch/m.err"
    echo "$name: $(summary "$scratch/m.err"); $(cat "$scratch/m.time")"
    rm -f "$scratch"/copy.db*
done
