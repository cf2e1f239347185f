#!/usr/bin/env bash
# eval/run.sh - near-duplicate quality of `concord dedup` on real corpora.
#
#   eval/run.sh [OPTIONS] BUILD_DIR
#
# Runs `concord dedup` (128 permutations, 5-word shingles, threshold 0.8) on
# Reuters-21578 and on BBC News, then grades each output with dedup_truth
# against the exact shingle-Jaccard truth (see EVALUATION.md).
#
# The corpora are read from ../shared/corpora relative to the repository root,
# or from $CONCORD_CORPORA. When they are absent the script prints
# "corpora not found at PATH; skipping evaluation" and exits 0 (or the code
# given by --skip-code: CTest passes 77, which it reports as "skipped").
#
# Options:
#   --concord PATH      concord binary (default BUILD_DIR/concord)
#   --truth PATH        dedup_truth binary (default BUILD_DIR/eval/dedup_truth)
#   --corpus NAME       reuters, bbc or all (default all)
#   --out DIR           where concord's outputs and the details go
#                       (default BUILD_DIR/eval/out, or a temporary directory)
#   --skip-code N       exit status when the corpora are absent (default 0)
#   --min-recall F, --min-precision F
#                       gates passed to dedup_truth (exit 1 when missed)
#   --source-dir DIR    repository root (default: the parent of this script)
#
# Exit status: 0 all runs passed their gates, 1 a gate failed, 2 usage error,
# another status when concord or dedup_truth failed; --skip-code N when the
# corpora are absent.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="" concord="" truth="" which=all out="" skip=0
gates=()
while [ $# -gt 0 ]; do
    case "$1" in
    --concord) concord="$2"; shift 2 ;;
    --truth) truth="$2"; shift 2 ;;
    --corpus) which="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --skip-code) skip="$2"; shift 2 ;;
    --min-recall | --min-precision) gates+=("$1" "$2"); shift 2 ;;
    --source-dir) src="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$build" ] || { echo "run.sh: one BUILD_DIR only" >&2; exit 2; }
       build="$1"; shift ;;
    esac
done
if [ -z "$build" ] && { [ -z "$concord" ] || [ -z "$truth" ]; }; then
    echo "run.sh: give BUILD_DIR (or both --concord and --truth)" >&2
    usage >&2
    exit 2
fi
concord="${concord:-$build/concord}"
truth="${truth:-$build/eval/dedup_truth}"
case "$which" in
reuters) names=(reuters) ;;
bbc) names=(bbc) ;;
all) names=(reuters bbc) ;;
*) echo "run.sh: --corpus must be reuters, bbc or all" >&2; exit 2 ;;
esac

corpora="${CONCORD_CORPORA:-$src/../shared/corpora}"
if [ ! -d "$corpora" ]; then
    echo "corpora not found at $corpora; skipping evaluation"
    exit "$skip"
fi
for bin in "$concord" "$truth"; do
    [ -x "$bin" ] || { echo "run.sh: $bin is not an executable (build first)" >&2; exit 2; }
done
if [ -z "$out" ]; then
    if [ -n "$build" ]; then out="$build/eval/out"; else out="$(mktemp -d)"; fi
fi
mkdir -p "$out"

# Seconds since the epoch, with fractions.
now() { date +%s.%N; }

status=0
for name in "${names[@]}"; do
    case "$name" in
    reuters) file="$corpora/reuters21578.jsonl" ;;
    bbc) file="$corpora/bbc.jsonl" ;;
    esac
    if [ ! -f "$file" ]; then
        echo "corpora not found at $file; skipping evaluation"
        exit "$skip"
    fi
    echo "== $name: $(basename "$file")"
    pairs="$out/$name.dedup.jsonl"
    t0=$(now)
    rc=0
    "$concord" dedup --threshold 0.8 --shingle 5 --perms 128 --no-progress "$file" >"$pairs" || rc=$?
    t1=$(now)
    if [ "$rc" -ne 0 ]; then
        echo "run.sh: concord dedup failed on $file (exit $rc)" >&2
        exit "$rc"
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "concord dedup: %.2f s wall\n", b - a }'
    rc=0
    "$truth" --join 0.4 --label "$(basename "$file")" --details "$out/$name.details.txt" \
        ${gates[@]+"${gates[@]}"} "$file" "$pairs" || rc=$?
    case "$rc" in
    0) ;;
    1) status=1 ;;
    *) echo "run.sh: dedup_truth failed (exit $rc)" >&2; exit "$rc" ;;
    esac
    echo
done
exit "$status"
