#!/usr/bin/env bash
# eval/relate_scaling.sh - how `concord relate` grows with the corpus
# (BENCHMARKS.md, "relate: every related pair of a corpus").
#
#   eval/relate_scaling.sh CONCORD WORKDIR
#
# For Reuters-21578 and BBC News, runs `concord relate` on the first 1/4,
# 1/2 and all of the articles (each a prefix of the next, so the corpus
# doubles) and prints, per size: articles, wall seconds, articles/s, peak
# RSS, candidates verified, n(n-1)/2, the share verified, and pairs
# written; with `concord dedup` on the same input as a reference. Exits 77
# without the corpora (../shared/corpora next to the sources, or
# $CONCORD_CORPORA) or GNU time.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 CONCORD WORKDIR" >&2; exit 2; }
concord="$1" work="$2"
corpora="${CONCORD_CORPORA:-$(dirname "$0")/../../shared/corpora}"
[ -r "$corpora/reuters21578.jsonl" ] || { echo "corpora not found at $corpora; skipping"; exit 77; }
[ -x /usr/bin/time ] || { echo "GNU time not found; skipping"; exit 77; }
mkdir -p "$work"
printf '%-8s %7s %8s %10s %7s %11s %20s %12s %9s %7s %9s\n' corpus articles wall_s articles/s rss_MB \
    candidates copy/spin/anchor all_pairs verified pairs dedup_s
for name in reuters21578 bbc; do
    total=$(wc -l <"$corpora/$name.jsonl")
    for part in 4 2 1; do
        n=$((total / part))
        head -n "$n" "$corpora/$name.jsonl" >"$work/$name.$n.jsonl"
        /usr/bin/time -f '%e %M' -o "$work/time" "$concord" relate --no-progress "$work/$name.$n.jsonl" \
            >"$work/out" 2>"$work/err"
        read -r wall rss <"$work/time"
        cand=$(sed -n 's/.*: \([0-9]*\) candidates verified.*/\1/p' "$work/err")
        per=$(sed -n 's/.*copy index \([0-9]*\) .*spin index \([0-9]*\) .*anchor index \([0-9]*\);.*/\1\/\2\/\3/p' "$work/err")
        pairs=$(wc -l <"$work/out")
        /usr/bin/time -f '%e' -o "$work/dtime" "$concord" dedup -q --no-progress "$work/$name.$n.jsonl" >/dev/null
        all=$((n * (n - 1) / 2))
        printf '%-8s %7d %8.2f %10.0f %7.1f %11d %20s %12d %8.4f%% %7d %9.2f\n' "${name%21578}" "$n" "$wall" \
            "$(echo "$n / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$cand" "$per" "$all" \
            "$(echo "100 * $cand / $all" | bc -l)" "$pairs" "$(cat "$work/dtime")"
        rm -f "$work/$name.$n.jsonl"
    done
done
