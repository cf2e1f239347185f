# Usage errors, help and version: exit statuses of the command-line contract.
source "$(dirname "$0")/lib.sh"

run help --help
expect_status 0 "--help" help
expect_grep help.out 'Usage: concord COMMAND'
expect_grep help.out 'dedup'

run version --version
expect_status 0 "--version" version
expect_grep version.out '^concord [0-9]+\.[0-9]+\.[0-9]+$'

run none
expect_status 2 "no command" none

run unknown frobnicate
expect_status 2 "unknown command" unknown
expect_grep unknown.err "unknown command 'frobnicate'"

run dhelp dedup --help
expect_status 0 "dedup --help" dhelp
for opt in --threshold --shingle --perms --format --strict --containment --id-field --text-field \
           --title-field --date-field --url-field --max-record-bytes; do
    expect_grep dhelp.out -- "$opt"
done

run noinput dedup
expect_status 2 "dedup without input" noinput
expect_grep noinput.err 'no INPUT'

run badopt dedup --no-such-option x
expect_status 2 "unknown option" badopt

for bad in "--threshold 1.5" "--threshold abc" "--threshold 0" "--perms 0" "--perms -3" \
           "--perms 12x" "--shingle 0" "--format xml" "--max-record-bytes 0" "--containment 2"; do
    # shellcheck disable=SC2086
    run badval dedup $bad "$SRC/examples"
    expect_status 2 "dedup $bad" badval
    expect_grep badval.err 'invalid value for'
done

run missing dedup "$WORK/does-not-exist.jsonl"
expect_status 2 "nonexistent input" missing
expect_grep missing.err 'does-not-exist.jsonl'
expect_grep missing.err 'no input could be read'
finish
