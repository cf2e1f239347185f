#!/usr/bin/env bash
# eval/stories_eval_selftest.sh STORIES_EVAL SOURCE_DIR WORKDIR - checks
# the grader itself on outputs made from the labels (no corpus needed):
#   the labels as the system's stories   -> every figure 1;
#   every article in one story           -> BCubed recall 1, precision
#      sum over stories of size^2 / n^2 (computed here with awk);
#   every article alone                  -> BCubed precision 1, recall
#      stories / n, pairwise recall 0.
set -euo pipefail
grader="$1" src="$2" work="$3"
labels="$src/eval/stories/reuters_dev.tsv"
mkdir -p "$work"
fail=0
awk -F'\t' '!/^#/ { if (!($1 in id)) id[$1] = ++n; print "article\t" $2 "\t" id[$1] }' "$labels" >"$work/perfect.tsv"
awk -F'\t' '!/^#/ { print "article\t" $2 "\t1" }' "$labels" >"$work/one.tsv"
awk -F'\t' '!/^#/ { print "article\t" $2 "\t" NR }' "$labels" >"$work/alone.tsv"
expect() { # FILE PATTERN
    if ! grep -qE -- "$2" "$1"; then echo "FAIL: '$2' not in $(cat "$1")"; fail=1; fi
}
"$grader" "$labels" "$work/perfect.tsv" >"$work/perfect.out"
expect "$work/perfect.out" '^BCubed   precision 1.0000 recall 1.0000 F1 1.0000$'
expect "$work/perfect.out" '^pairwise precision 1.0000 recall 1.0000 F1 1.0000$'
p=$(awk -F'\t' '!/^#/ { c[$1]++; n++ } END { for (k in c) s += c[k] * c[k]; printf "%.4f", s / (n * n) }' "$labels")
"$grader" "$labels" "$work/one.tsv" >"$work/one.out"
expect "$work/one.out" "^BCubed   precision $p recall 1.0000 "
r=$(awk -F'\t' '!/^#/ { c[$1]++; n++ } END { printf "%.4f", length(c) / n }' "$labels")
"$grader" "$labels" "$work/alone.tsv" >"$work/alone.out"
expect "$work/alone.out" "^BCubed   precision 1.0000 recall $r "
expect "$work/alone.out" '^pairwise precision 1.0000 recall 0.0000 '
# The gate: exit 1 below the minimum.
if "$grader" "$labels" "$work/alone.tsv" --min-bcubed-f1 0.5 >/dev/null; then
    echo "FAIL: --min-bcubed-f1 did not fail"; fail=1
fi
[ $fail -eq 0 ] && echo "stories_eval self-test passed"
exit $fail
