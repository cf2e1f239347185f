# concord stories: output lines and their fields, date order with undated
# articles, TSV, every option and its validation, errors and exit codes.
source "$(dirname "$0")/lib.sh"

# Two events (a ferry strike in Port Aldwyn over three days, a rate rise in
# Estmark) in one JSON Lines file, out of date order, plus one undated
# follow-up of the strike.
cat >news.jsonl <<'EOF2'
{"id":"strike-3","date":"2031-05-04T12:00:00","source":"Aldwyn Herald","title":"VARENKO BROKERS TALKS IN FERRY STRIKE","text":"Transport minister Ilya Varenko brought the ferry crews' union and the Harbour Board together for talks in Port Aldwyn, as the strike stranded passengers for a third day. The union said crews would return once the pay offer was raised."}
{"id":"strike-1","date":"2031-05-02T08:00:00","source":"Aldwyn Herald","title":"FERRY CREWS STRIKE IN PORT ALDWYN","text":"Ferry crews in Port Aldwyn walked out on Monday over pay, stranding hundreds of passengers bound for the islands. The crews' union said the strike would last until the Harbour Board raised its offer. Ilya Varenko, the transport minister, urged both sides to return to talks."}
{"id":"rates","date":"2031-05-03T14:00:00","source":"Estmark Wire","title":"ESTMARK CENTRAL BANK RAISES INTEREST RATES","text":"The Central Bank of Estmark raised its benchmark interest rate by half a point to curb inflation, its governor Orla Venn said in Brelle. Economists had expected the bank to hold rates steady until the autumn, and bond yields rose after the decision."}
{"id":"strike-2","source":"Estmark Wire","title":"PORT ALDWYN FERRY STRIKE ENTERS SECOND DAY","text":"The ferry strike in Port Aldwyn entered its second day, with crews picketing the harbour and passengers queueing for the few boats still running. The Harbour Board said it would not raise its pay offer while the strike continued. Varenko called the walkout damaging for the islands."}
EOF2

run basic stories --no-progress news.jsonl
expect_status 0 "stories" basic
expect_lines basic.out '"type":"story"' 2
expect_lines basic.out '"type":"article"' 4
# Story 1 is the strike (strike-1 is the earliest article); its title is
# its first member's; sources in order of first appearance. The undated
# strike-2 follows "rates" in the input, so it is placed right after it
# (before strike-3 of 4 May): members are in that processing order.
expect_grep basic.out '^\{"type":"story","id":1,"title":"FERRY CREWS STRIKE IN PORT ALDWYN","first_seen":"2031-05-02T08:00:00","last_seen":"2031-05-04T12:00:00","members":\["strike-1","strike-2","strike-3"\],"sources":\["Aldwyn Herald","Estmark Wire"\]\}$'
expect_grep basic.out '^\{"type":"story","id":2,"title":"ESTMARK CENTRAL BANK RAISES INTEREST RATES","first_seen":"2031-05-03T14:00:00","last_seen":"2031-05-03T14:00:00","members":\["rates"\],"sources":\["Estmark Wire"\]\}$'
# Article lines in input order.
[[ $(grep '"type":"article"' basic.out | tr '\n' ' ') == '{"type":"article","id":"strike-3","story":1} {"type":"article","id":"strike-1","story":1} {"type":"article","id":"rates","story":2} {"type":"article","id":"strike-2","story":1} ' ]] ||
    fail "article lines: $(grep article basic.out)"
expect_grep basic.err 'concord stories: 4 articles read, 0 skipped; 2 stories \(1 of one article, largest 3; 0 merged into older ones\)'
expect_grep basic.err 'articles/s'
expect_clean basic.err
if command -v jq >/dev/null; then
    jq -e . basic.out >/dev/null || fail "output is not JSON Lines"
fi

# Deterministic.
run again stories --no-progress news.jsonl
cmp -s basic.out again.out || fail "two runs differ"

# TSV.
run tsv stories --no-progress -q -f tsv news.jsonl
expect_status 0 "tsv" tsv
expect_grep tsv.out $'^story\t1\t2031-05-02T08:00:00\t2031-05-04T12:00:00\t3\tFERRY CREWS STRIKE IN PORT ALDWYN$'
expect_grep tsv.out $'^article\tstrike-2\t1$'
[[ -s tsv.err ]] && fail "-q still wrote to stderr: $(cat tsv.err)"

# A threshold of 1 keeps every article apart. A sigma of 0.01 days, or a
# window of half a day, splits the dated strike articles (strike-3 comes
# two days after strike-1); the undated strike-2 still joins on words.
run strict stories --no-progress -q -t 1 news.jsonl
expect_lines strict.out '"type":"story"' 4
run sharp stories --no-progress -q --sigma 0.01 news.jsonl
expect_grep sharp.out '"id":"strike-3","story":[3-9]'
run window stories --no-progress -q --window 0.5 news.jsonl
expect_grep window.out '"id":"strike-3","story":[3-9]'
# Options accepted.
run opts stories --no-progress -q --merge-threshold 0.9 --weights 1,0,0 --centroid-terms 32 --candidates 4 news.jsonl
expect_status 0 "all options" opts
expect_lines opts.out '"type":"story"' 2

# Usage errors (exit 2) with a message naming the option.
for bad in "-t 0" "-t 1.5" "--sigma -1" "--window x" "--weights 1,2" "--weights 0,0,0" \
    "--centroid-terms 2" "--candidates 0" "--format xml" "--bogus"; do
    # shellcheck disable=SC2086
    run bad stories $bad news.jsonl
    expect_status 2 "stories $bad" bad
    [[ -s bad.err ]] || fail "stories $bad: no message"
done
run noinput stories
expect_status 2 "no input" noinput
run missing stories --no-progress nowhere.jsonl
expect_status 2 "unreadable input" missing
expect_grep missing.err 'no input could be read'

# A bad record is skipped and reported; --strict turns that into exit 1.
{ cat news.jsonl; echo '{"id":"broken",'; } >mixed.jsonl
run mixed stories --no-progress mixed.jsonl
expect_status 0 "bad record skipped" mixed
expect_grep mixed.err 'mixed.jsonl:5'
expect_lines mixed.out '"type":"article"' 4
run mixed_strict stories --no-progress --strict mixed.jsonl
expect_status 1 "--strict" mixed_strict

run help stories --help
expect_status 0 "--help" help
for word in --threshold --merge-threshold --sigma --window --weights --centroid-terms --candidates --format; do
    expect_grep help.out -- "$word"
done
finish
