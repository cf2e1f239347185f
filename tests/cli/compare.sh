# `concord compare`: help, usage errors, the A B form with dates from the
# reader, the --pairs form (objects, plain strings, ids, a malformed line
# reported with FILE:LINE and skipped; --strict), TSV output.
source "$(dirname "$0")/lib.sh"

s1='The river flooded the old town centre on Monday night after three days of heavy rain.'
s2='Emergency crews rescued forty people from their homes using boats and a helicopter.'
s3='The mayor said the damage would cost millions to repair and asked the government for help.'
s4='Schools will stay closed until the water has gone down, officials said.'
other='Scientists at the university have found that birds on the island sing in a dialect of their own, learnt from their parents.'
printf 'Title: Flood\nDate: 2024-03-02\n\n%s %s %s %s\n' "$s1" "$s2" "$s3" "$s4" >a.txt
printf 'Title: Flood copy\nDate: 2024-03-05\n\n%s %s %s %s\n' "$s1" "$s2" "$s3" "$s4" >b.txt
printf '%s\n' "$other" >c.txt

# --help, and usage errors (exit 2 with a hint).
run help compare --help
expect_status 0 "--help" help
expect_grep help.out '^Usage: concord compare \[OPTIONS\] A B'
expect_grep help.out 'same_story'
run noargs compare
expect_status 2 "no inputs" noargs
expect_grep noargs.err "Try 'concord compare --help'"
run onearg compare a.txt
expect_status 2 "one input" onearg
run pairsplus compare --pairs x.jsonl a.txt
expect_status 2 "--pairs with inputs" pairsplus
run badfmt compare --format xml a.txt b.txt
expect_status 2 "--format xml" badfmt
run badopt compare --frobnicate a.txt b.txt
expect_status 2 "unknown option" badopt
run missing compare a.txt does-not-exist.txt
expect_status 2 "missing input" missing
expect_grep missing.err 'does-not-exist.txt'
run nopairs compare --pairs does-not-exist.jsonl
expect_status 2 "missing pairs file" nopairs
run stdin2 compare - -
expect_status 2 "both standard input" stdin2
run nownet compare --wordnet "$WORK/no-such-dir" a.txt b.txt
expect_status 2 "--wordnet missing directory" nownet

# A B: the same text, dates from the headers: a is the source.
run ab compare a.txt b.txt
expect_status 0 "A B" ab
expect_lines ab.out '^\{"type":"compare","id":"1","relation":"verbatim","score":1\.0000,"direction":"a->b","confidence":0\.9[0-9]*,"features":\{"shingle_contain_a":1,' 1
expect_clean ab.err
run ba compare --no-synonyms b.txt a.txt
expect_status 0 "B A" ba
expect_grep ba.out '"relation":"verbatim".*"direction":"b->a"'
run ac compare -f tsv a.txt c.txt
expect_status 0 "A C tsv" ac
expect_lines ac.out $'^1\tunrelated\t0\\.[0-9]{4}\tunknown\t0\\.00$' 1

# --pairs: objects with dates, plain strings, integer and missing ids,
# blank lines, and malformed lines.
{
    printf '{"id":"p1","a":{"text":"%s %s %s","date":"2024-03-02","title":"T"},"b":{"text":"%s %s %s","date":"March 1, 2024"}}\n' "$s1" "$s2" "$s3" "$s1" "$s2" "$s3"
    printf '{"id":7,"a":"%s %s %s %s","b":"%s"}\n' "$s1" "$s2" "$s3" "$s4" "$other"
    printf '\n'
    printf '{"a":"%s","b":"%s"}\n' "$s1" "$s1"
    printf '{"id":"bad1","a":"only a"\n'
    printf '{"id":"bad2","a":{"title":"no text"},"b":"x"}\n'
    printf '[1,2]\n'
} >pairs.jsonl
run pairs compare --pairs pairs.jsonl
expect_status 0 "--pairs" pairs
expect_lines pairs.out '^\{"type":"compare"' 3
expect_grep pairs.out '"id":"p1","relation":"verbatim","score":1\.0000,"direction":"b->a"'
expect_grep pairs.out '"id":"7","relation":"unrelated"'
expect_grep pairs.out '"id":"pairs.jsonl:4","relation":"verbatim"'
expect_grep pairs.err 'pairs\.jsonl:5: .*skipped'
expect_grep pairs.err 'pairs\.jsonl:6: "a" has no text; skipped'
expect_grep pairs.err 'pairs\.jsonl:7: malformed JSON \(not a JSON object, column 1\); skipped'
expect_grep pairs.err '3 pairs, 2 verbatim, 0 partial, 0 spun, 0 paraphrase, 0 same_story, 1 unrelated; 3 skipped; [0-9]+ pairs/s'
expect_clean pairs.err
run strict compare --strict -q --pairs pairs.jsonl
expect_status 1 "--strict with skipped lines" strict
expect_lines strict.out '^\{"type":"compare"' 3
expect_no_grep strict.err 'pairs/s'
run tsvp compare -f tsv -q --pairs pairs.jsonl
expect_status 0 "--pairs tsv" tsvp
expect_lines tsvp.out $'^p1\tverbatim\t1\\.0000\tb->a\t0\\.90$' 1
# escapes (\u with a surrogate pair), unknown fields of any shape, nested
# objects: read as jq reads them
printf '{"meta":{"x":[1,{"y":null}],"z":true},"id":"esc","a":{"text":"Caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" %s","extra":[]},"b":"Caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" %s","n":-1.5e3}\n' "$s1" "$s1" >esc.jsonl
run esc compare -q --pairs esc.jsonl
expect_status 0 "escapes" esc
expect_grep esc.out '"id":"esc","relation":"verbatim","score":1\.0000'
jq -e . esc.jsonl >/dev/null 2>&1 || fail "esc.jsonl is not valid JSON"
printf '{"id":"x","a":"\\q","b":"y"}\n{"id":"y","a":"a","b":"b"} trailing\n{"a":"\\u12"}\n' >bad.jsonl
run bad compare --pairs bad.jsonl
expect_status 0 "bad escapes" bad
expect_grep bad.err 'bad\.jsonl:1: malformed JSON \(invalid escape, column 16\); skipped'
expect_grep bad.err 'bad\.jsonl:2: malformed JSON \(end of line expected after the object, column 28\); skipped'
expect_grep bad.err 'bad\.jsonl:3: malformed JSON \(invalid \\u escape, column 7\); skipped'
expect_clean bad.err
# standard input
"$CONCORD" compare --pairs - -q <pairs.jsonl >stdin.out 2>stdin.err
[[ $? -eq 0 ]] || fail "--pairs -: exit status"
expect_lines stdin.out '^\{"type":"compare"' 3

finish
