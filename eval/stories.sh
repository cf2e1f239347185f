#!/usr/bin/env bash
# eval/stories.sh - story clustering quality (issue #4, points 1 and 5).
#
#   eval/stories.sh CONCORD STORIES_EVAL SOURCE_DIR WORKDIR [MIN_BCUBED_F1] [-- OPTIONS...]
#
# 1. The five seed reports (../shared/corpora/seeds relative to SOURCE_DIR,
#    or $CONCORD_CORPORA/seeds) must come out as ONE story.
# 2. `concord stories` runs over ALL of Reuters-21578 (19,043 articles, so
#    the labelled ones meet realistic distractors), and stories_eval scores
#    the 399 labelled articles of eval/stories/reuters_dev.tsv: BCubed and
#    pairwise precision/recall/F1, for all stories and for the two fixed
#    halves a and b (held-out check; EVALUATION.md, "Stories").
# OPTIONS after -- go to `concord stories` (for tuning runs).
# Exit status: 0 pass, 1 a check failed, 77 corpora absent.
set -euo pipefail
if [ $# -lt 4 ]; then
    echo "usage: $0 CONCORD STORIES_EVAL SOURCE_DIR WORKDIR [MIN_BCUBED_F1] [-- OPTIONS...]" >&2
    exit 2
fi
concord="$1" grader="$2" src="$3" work="$4"
shift 4
min_f1=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then min_f1="$1"; shift; fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
corpora="${CONCORD_CORPORA:-$src/../shared/corpora}"
if [ ! -d "$corpora/seeds" ] || [ ! -f "$corpora/reuters21578.jsonl" ]; then
    echo "stories: no seeds or reuters21578.jsonl under $corpora (set CONCORD_CORPORA): skipped"
    exit 77
fi
mkdir -p "$work"
rc=0

"$concord" stories --no-progress -f tsv "$@" "$corpora/seeds" >"$work/seeds.tsv" 2>"$work/seeds.stderr"
cat "$work/seeds.stderr"
seeds_n=$(grep -c '^article' "$work/seeds.tsv" || true)
seeds_stories=$(awk -F'\t' '$1 == "article" { print $3 }' "$work/seeds.tsv" | sort -u | wc -l)
echo "seeds: $seeds_n articles in $seeds_stories stories"
if [ "$seeds_n" -ne 5 ] || [ "$seeds_stories" -ne 1 ]; then
    echo "FAIL: the five seed reports must form one story"
    rc=1
fi

"$concord" stories --no-progress -f tsv "$@" "$corpora/reuters21578.jsonl" \
    >"$work/reuters.tsv" 2>"$work/reuters.stderr"
cat "$work/reuters.stderr"
labels="$src/eval/stories/reuters_dev.tsv"
"$grader" "$labels" "$work/reuters.tsv" --part a
"$grader" "$labels" "$work/reuters.tsv" --part b
if [ -n "$min_f1" ]; then
    "$grader" "$labels" "$work/reuters.tsv" --min-bcubed-f1 "$min_f1" || rc=1
else
    "$grader" "$labels" "$work/reuters.tsv"
fi
exit $rc
