# concord quotes: quotations with speakers and offsets, groups across
# articles, every option, bad and adversarial input.
source "$(dirname "$0")/lib.sh"

mkdir -p news
cat >news/a.txt <<'EOF'
Foreign Ministry spokesman Ilya Varenko would not be drawn on the leaked draft.

"We didn't sign anything secret," he said. "I do not intend to discuss that."

A Compact official said: "We never discuss draft treaties."
EOF
cat >news/b.txt <<'EOF'
Title: Second report

Foreign Ministry spokesman Ilya Varenko said Estmark had seen the memo, then added: "We didn't secretly promise anything; I do not intend to discuss this."

Estmark was accused of “reckless manoeuvres” in the strait. A Compact official would not discuss the draft, saying: "We never discuss draft treaties."
EOF

run basic quotes --no-progress news
expect_status 0 "quotes on a directory" basic
expect_lines basic.out '"type":"quote",' 6
expect_grep basic.out '^\{"type":"quote","article":"a.txt","start":82,"end":112,"text":"We didn.t sign anything secret","speaker":"Ilya Varenko","partial":false\}$'
expect_grep basic.out '"article":"a.txt".*"text":"I do not intend to discuss that.","speaker":"Ilya Varenko"'
expect_grep basic.out '"text":"We never discuss draft treaties.","speaker":"Compact official","partial":false'
expect_grep basic.out '"text":"reckless manoeuvres","speaker":null,"partial":true'
# Varenko's three quotes in one group; the Compact quote in another; the
# two-word scare quote is listed but not grouped (--min-words 3).
expect_lines basic.out '"type":"quote_group"' 2
expect_grep basic.out '"type":"quote_group","id":1,"members":\[\{"article":"a.txt","start":82\},\{"article":"a.txt","start":[0-9]+\},\{"article":"b.txt","start":[0-9]+\}\],"text":"We didn.t secretly promise anything; I do not intend to discuss this.","speakers":\["Ilya Varenko"\]\}'
expect_grep basic.out '"type":"quote_group","id":2,.*"speakers":\["Compact official"\]'
expect_grep basic.err 'concord quotes: 2 articles read, 0 skipped; 6 quotes \(5 with a speaker, 1 partial, 0 unbalanced\); 2 groups across articles \(5 quotes\)'
expect_clean basic.err
if command -v jq >/dev/null; then
    jq -e . basic.out >/dev/null || fail "output is not JSON Lines"
    # offsets point at the quoted words in the article text
    start=$(jq -r 'select(.type=="quote" and .article=="a.txt") | .start' basic.out | head -1)
    end=$(jq -r 'select(.type=="quote" and .article=="a.txt") | .end' basic.out | head -1)
    [[ $(head -c "$end" news/a.txt | tail -c +$((start + 1))) == "We didn't sign anything secret" ]] ||
        fail "byte offsets do not delimit the quote"
fi

# Deterministic.
run again quotes --no-progress news
cmp -s basic.out again.out || fail "two runs differ"

# --no-groups, --min-words, --threshold, -q
run nogroups quotes --no-progress --no-groups news
expect_lines nogroups.out '"type":"quote_group"' 0
expect_lines nogroups.out '"type":"quote",' 6
expect_no_grep nogroups.err 'groups across'
# 7 words or more: "I do not intend to discuss that." and b.txt's Varenko quote
run minwords quotes --no-progress --min-words 7 news
expect_lines minwords.out '"type":"quote_group"' 1
expect_grep minwords.out '"members":\[\{"article":"a.txt","start":[0-9]+\},\{"article":"b.txt","start":[0-9]+\}\]'
# scores: "I do not intend..." / b.txt 0.97, "We didn't sign..." / b.txt 0.74
run strictthr quotes --no-progress --threshold 0.95 news
expect_lines strictthr.out '"type":"quote_group"' 2
expect_grep strictthr.out '"id":1,"members":\[\{"article":"a.txt","start":[0-9]+\},\{"article":"b.txt","start":[0-9]+\}\]'
# copies (the same words) are grouped whatever the threshold
run strictest quotes --no-progress -t 2 news
expect_lines strictest.out '"type":"quote_group"' 1
expect_grep strictest.out '"speakers":\["Compact official"\]'

run quiet quotes --no-progress -q news
expect_status 0 "-q" quiet
[[ ! -s quiet.err ]] || fail "-q still wrote to stderr: $(cat quiet.err)"

# --format tsv
run tsv quotes --no-progress --format tsv news
expect_status 0 "tsv" tsv
expect_grep tsv.out $'^quote\ta.txt\t82\t112\t0\tIlya Varenko\tWe didn.t sign anything secret$'
expect_grep tsv.out $'^quote\tb.txt\t[0-9]+\t[0-9]+\t1\t\treckless manoeuvres$'
expect_grep tsv.out $'^quote_group\t1\t3\tWe didn.t secretly promise anything; I do not intend to discuss this.\tIlya Varenko\ta.txt\t82\ta.txt\t[0-9]+\tb.txt\t[0-9]+$'

# --offsets chars on multi-byte text (JSON Lines from stdin)
printf '%s\n' '{"id":"fr","text":"Émilie Dupré a déclaré : « Ça suffit, vraiment », selon l’AFP."}' \
              '{"id":"en","text":"“Enough,” Émilie Dupré said."}' >multi.jsonl
"$CONCORD" quotes --no-progress --offsets chars - <multi.jsonl >chars.out 2>chars.err
status=$?
expect_status 0 "--offsets chars from stdin" chars
expect_grep chars.out '"article":"fr","start":27,"end":46,"text":"Ça suffit, vraiment"'
expect_grep chars.out '"article":"en","start":1,"end":7,"text":"Enough","speaker":"Émilie Dupré"'
run bytes quotes --no-progress multi.jsonl
expect_grep bytes.out '"article":"fr","start":32,"end":52,'

# Usage errors
run noinput quotes --no-progress
expect_status 2 "no input" noinput
run badthr quotes --threshold x news
expect_status 2 "bad --threshold" badthr
expect_grep badthr.err "invalid value for --threshold"
run badoff quotes --offsets words news
expect_status 2 "bad --offsets" badoff
run badfmt quotes --format xml news
expect_status 2 "bad --format" badfmt
run badmin quotes --min-words 0 news
expect_status 2 "bad --min-words" badmin
run badopt quotes --frobnicate news
expect_status 2 "unknown option" badopt
run nothing quotes --no-progress "$WORK/missing"
expect_status 2 "unreadable input only" nothing
run help quotes --help
expect_status 0 "--help" help
expect_grep help.out 'Usage: concord quotes'
run top --help
expect_grep top.out 'quotes'

# Bad records are skipped and reported; --strict exits 1; invalid UTF-8
# inside a quote comes out as U+FFFD in valid JSON.
{
    printf '%s\n' '{"id":"ok","text":"\"We are ready,\" Tolan said."}'
    printf '%s\n' '{"id":"broken","text": "unterminated'
    printf '{"id":"bad-utf8","text":"\\"Caf\xe9 \xff ready,\\" Tolan said."}\n'
    printf '%s\n' '{"id":"empty","text":""}'
} >bad.jsonl
run bad quotes --no-progress bad.jsonl
expect_status 0 "bad records without --strict" bad
expect_grep bad.err 'bad.jsonl:2:'
expect_grep bad.err 'bad.jsonl:4:'
expect_grep bad.out $'"article":"bad-utf8","start":1,"end":[0-9]+,"text":"Caf\xef\xbf\xbd \xef\xbf\xbd ready","speaker":"Tolan"'
expect_grep bad.err '2 articles read, 2 skipped'
expect_clean bad.err
if command -v jq >/dev/null; then jq -e . bad.out >/dev/null || fail "invalid UTF-8 made invalid JSON"; fi
run strict quotes --no-progress --strict bad.jsonl
expect_status 1 "--strict with skipped records" strict

# Adversarial articles: 100,000 identical sentences, a 10 MB article of
# quotes, unbalanced marks only, no spaces. Bounded time, clean exit.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "He said \"yes\". "; print "" }' >same.txt
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "\"We are ready,\" Tolan said. He added: \"Talks will go on\n\nNo reply.\n\n"; }' >big.txt
printf '"We are ready," Tolan said.\n' >ready.txt
awk 'BEGIN { for (i = 0; i < 500000; i++) printf "\"\xe2\x80\x9c\xc2\xab"; print "" }' >marks.txt
head -c 3000000 /dev/zero | tr '\0' 'a' >nospace.txt
t0=$(date +%s)
run adversarial quotes --no-progress same.txt big.txt marks.txt nospace.txt ready.txt
t1=$(date +%s)
expect_status 0 "adversarial inputs" adversarial
expect_grep adversarial.err '5 articles read, 0 skipped; 220001 quotes \(120001 with a speaker, 100000 partial, 60000 unbalanced\)'
# "yes" is too short to group; "Talks will go on" is in one article only;
# "We are ready" is in big.txt 60,000 times and once in ready.txt.
expect_lines adversarial.out '"type":"quote_group"' 1
expect_grep adversarial.out '"type":"quote_group","id":1,.*"article":"ready.txt","start":1\}\],"text":"We are ready","speakers":\["Tolan"\]\}$' 
expect_clean adversarial.err
(( t1 - t0 < 120 )) || fail "adversarial inputs took $((t1 - t0)) s"
finish
