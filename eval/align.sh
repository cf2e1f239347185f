#!/usr/bin/env bash
# eval/align.sh - passage alignment graded on generated rewrites of BBC News.
#
#   eval/align.sh GEN_REWRITES ALIGN_EVAL SOURCE_DIR WORKDIR [N]
#
# gen_rewrites makes 8 pairs from each of N (default 200) BBC articles
# (verbatim+boilerplate, excerpt, shuffle, spin20/40/60, paraphrase,
# unrelated) with the exact alignment; align_eval aligns each pair with
# concord_align() and grades it at the character level (EVALUATION.md,
# "Passage alignment"). The gate: pooled F1 >= 0.90.
#
# The corpus is $CONCORD_CORPORA/bbc.jsonl, else SOURCE_DIR/../shared/corpora/
# bbc.jsonl. Exits 77 (CTest: skipped) when it or the mythes thesaurus is
# absent. Exit status: 0 pass, 1 gate failed, 2 usage error.
set -euo pipefail
if [ $# -lt 4 ] || [ $# -gt 5 ]; then
    echo "usage: $0 GEN_REWRITES ALIGN_EVAL SOURCE_DIR WORKDIR [N]" >&2
    exit 2
fi
gen="$1" eval="$2" src="$3" work="$4" n="${5:-200}"
corpora="${CONCORD_CORPORA:-$src/../shared/corpora}"
if [ ! -r "$corpora/bbc.jsonl" ]; then
    echo "corpora not found at $corpora; skipping"
    exit 77
fi
mkdir -p "$work"
"$gen" --articles "$n" --seed 1 --skip-code 77 "$corpora/bbc.jsonl" >"$work/pairs.jsonl" || exit $?
# The generator prints its skip message on stdout instead of pairs.
if grep -q '; skipping$' "$work/pairs.jsonl"; then cat "$work/pairs.jsonl"; exit 77; fi
exec "$eval" --min-f1 0.90 --details "$work/details.tsv" "$work/pairs.jsonl"
