#!/usr/bin/env bash
# eval/compare.sh - concord_compare() graded (EVALUATION.md, "Relation of two
# articles (issue #3)").
#
#   eval/compare.sh WHAT COMPARE_EVAL GEN_REWRITES SOURCE_DIR WORKDIR
#
# WHAT: seeds (gate: the ten seed pairs all same_story, none verbatim),
# rewrites (generated BBC rewrites; gate: spin40 recall >= 0.95 at spun
# precision >= 0.95, spin60 recall >= 0.85), mrpc (10-fold CV on MRPC
# train, weights and threshold refit per fold; regression floor: accuracy of
# the score >= 0.76 -- the 0.78 target is not met), clough (Clough &
# Stevenson; gate: AUC >= 0.95).
# Corpora: $CONCORD_CORPORA, else SOURCE_DIR/../shared/corpora; exit 77
# (CTest: skipped) when absent. Exit status: 0 pass, 1 gate failed, 2 usage.
set -euo pipefail
if [ $# -ne 5 ]; then
    echo "usage: $0 seeds|rewrites|mrpc|clough COMPARE_EVAL GEN_REWRITES SOURCE_DIR WORKDIR" >&2
    exit 2
fi
what="$1" eval="$2" gen="$3" src="$4" work="$5"
corpora="${CONCORD_CORPORA:-$src/../shared/corpora}"
mkdir -p "$work"
case "$what" in
seeds)
    [ -d "$corpora/seeds" ] || { echo "corpora not found at $corpora; skipping"; exit 77; }
    exec "$eval" --seeds "$corpora/seeds" ;;
rewrites)
    [ -r "$corpora/bbc.jsonl" ] || { echo "corpora not found at $corpora; skipping"; exit 77; }
    "$gen" --articles "${CONCORD_COMPARE_ARTICLES:-200}" --seed 1 --skip-code 77 \
        "$corpora/bbc.jsonl" >"$work/rewrites.jsonl" || exit $?
    if grep -q '; skipping$' "$work/rewrites.jsonl"; then cat "$work/rewrites.jsonl"; exit 77; fi
    exec "$eval" --gate-spin --details "$work/rewrites.tsv" --rewrites "$work/rewrites.jsonl" ;;
mrpc)
    f="$corpora/mrpc/msr_paraphrase_train.txt"
    [ -r "$f" ] || { echo "MRPC not found at $f; skipping"; exit 77; }
    exec "$eval" --min-accuracy 0.76 --details "$work/mrpc.tsv" --mrpc "$f" ;;
clough)
    d="$corpora/clough-stevenson"
    [ -r "$d/file_information.csv" ] || { echo "Clough & Stevenson not found at $d; skipping"; exit 77; }
    exec "$eval" --min-auc 0.95 --details "$work/clough.tsv" --clough "$d" ;;
*)
    echo "$0: unknown WHAT '$what'" >&2
    exit 2 ;;
esac
