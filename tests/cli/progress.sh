# The progress bar is drawn only when stderr is a terminal: through a
# pseudo-terminal (script(1)) it appears, through a pipe or file it never does.
source "$(dirname "$0")/lib.sh"
for i in $(seq 1 300); do
    printf '{"id":"%d","text":"article number %d about harbour bridges and the ships under them"}\n' "$i" "$i"
done >many.jsonl
command -v script >/dev/null || fail "script(1) is missing (bsdutils)"
# Under script(1) the command's stderr is the pty, whose output lands in tty.log.
script -qec "'$CONCORD' dedup many.jsonl >/dev/null" /dev/null >tty.log 2>&1 </dev/null
if grep -q 'failed to create pseudo-terminal' tty.log; then
    # A sandbox without /dev/pts: the terminal case cannot be observed here.
    echo "SKIP: no pseudo-terminal available (mount devpts): $(head -c 200 tty.log)"
    exit 77
fi
grep -aq '300 articles read' tty.log || fail "no summary through the pty: $(head -c 300 tty.log)"
grep -aqE '\[[#.]{30}\] +[0-9]+% +[0-9]+ articles +[0-9.]+ MB +[0-9]+ MB/s' tty.log || fail "no progress line on a terminal: $(head -c 300 tty.log | od -c | head)"
grep -aq $'\r\033\[K' tty.log || fail "progress line not cleared before the summary"
run pipe dedup many.jsonl
expect_status 0 "dedup into a file" pipe
expect_no_grep pipe.err $'\r'
expect_grep pipe.err '300 articles read'
run quiet dedup -q many.jsonl
[[ ! -s quiet.err ]] || fail "-q wrote to stderr"
finish
