# seeds_lib.sh - sourced by the seeds checks (seeds_quotes.sh,
# seeds_story.sh): takes "CONCORD SOURCE_DIR WORKDIR" and sets $concord,
# $src, $work (created) and $seeds, or exits 2 on bad usage and 77
# (skipped) when the seeds corpus or jq is absent. $name names the check.
if [ $# -ne 3 ]; then
    echo "usage: $0 CONCORD SOURCE_DIR WORKDIR" >&2
    exit 2
fi
concord="$1" src="$2" work="$3"
seeds="${CONCORD_CORPORA:-$src/../shared/corpora}/seeds"
if [ ! -d "$seeds" ]; then
    echo "$name: no seeds corpus at $seeds (set CONCORD_CORPORA): skipped"
    exit 77
fi
if ! command -v jq >/dev/null; then
    echo "$name: jq not found: skipped"
    exit 77
fi
mkdir -p "$work"
