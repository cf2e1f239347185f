#!/usr/bin/env bash
# eval/synthetic.sh - `concord dedup` graded on a generated corpus.
#
#   eval/synthetic.sh CONCORD DEDUP_TRUTH WORKDIR [N]
#
# dedup_truth --generate writes N (default 3000) made-up texts: random words,
# exact copies with other case and punctuation, copies with a few word edits,
# excerpts and joins, so that pairs spread over the whole Jaccard range. Then
# concord dedup runs with the evaluation's settings (threshold 0.8, 5-word
# shingles, 128 permutations) and dedup_truth grades it with the same gates as
# the Reuters evaluation. Needs no corpus, so it runs everywhere.
#
# Exit status: 0 pass, 1 a gate failed, 2 usage error, other: a tool failed.
set -euo pipefail
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 CONCORD DEDUP_TRUTH WORKDIR [N]" >&2
    exit 2
fi
concord="$1" truth="$2" work="$3" n="${4:-3000}"
mkdir -p "$work"
"$truth" --generate "$n" --seed 7 >"$work/generated.jsonl"
# Texts without words are in the corpus on purpose; concord warns about each.
"$concord" dedup --threshold 0.8 --shingle 5 --perms 128 -q --no-progress \
    "$work/generated.jsonl" >"$work/generated.dedup.jsonl" 2>"$work/concord.stderr"
exec "$truth" --label "generated ($n texts)" --details "$work/generated.details.txt" \
    --min-recall 0.98 --min-precision 0.98 "$work/generated.jsonl" "$work/generated.dedup.jsonl"
