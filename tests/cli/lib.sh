# lib.sh - helpers for CLI tests. Sourced by each tests/cli/*.sh, which is
# run by CTest as: bash SCRIPT CONCORD_BINARY SOURCE_DIR WORK_DIR
set -u
CONCORD=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run NAME ARGS... : runs concord, keeps stdout in NAME.out, stderr in
# NAME.err and the exit status in $status.
run() {
    local name=$1; shift
    "$CONCORD" "$@" >"$name.out" 2>"$name.err" </dev/null
    status=$?
}
expect_status() { [[ $status -eq $1 ]] || fail "$2: exit status $status, expected $1 ($(head -c 300 "$3.err"))"; }
expect_grep() { grep -qE -- "$2" "$1" || fail "'$2' not found in $1: $(head -c 400 "$1")"; }
expect_no_grep() { ! grep -qE -- "$2" "$1" || fail "'$2' unexpectedly found in $1"; }
expect_lines() { local n; n=$(grep -cE -- "$2" "$1"); [[ $n -eq $3 ]] || fail "$1: $n lines match '$2', expected $3"; }
# ASan/LSan and UBSan reports must never appear.
expect_clean() { expect_no_grep "$1" 'ERROR: (Address|Leak)Sanitizer|runtime error:'; }

finish() {
    if [[ $failures -gt 0 ]]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
