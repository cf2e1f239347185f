# `concord align`: help, usage errors, a run with offsets worked out by hand,
# character offsets on non-ASCII text, input forms and output formats.
source "$(dirname "$0")/lib.sh"

s1='The river flooded the old town centre on Monday night after three days of heavy rain.'
s2='Emergency crews rescued forty people from their homes using boats and a helicopter.'
s3='The mayor said the damage would cost millions to repair and asked the government for help.'
s4='Schools will stay closed until the water has gone down, officials said.'
printf '%s %s %s %s\n' "$s1" "$s2" "$s3" "$s4" >a.txt
printf '%s %s %s\n' "$s4" "$s1" "$s2" >b.txt   # s4 moved to the front, s3 dropped
other='Scientists at the university have found that birds on the island sing in a dialect of their own, learnt from their parents.'
printf '%s\n' "$other" >c.txt

# --help, and usage errors (exit 2 with a hint).
run help align --help
expect_status 0 "--help" help
expect_grep help.out '^Usage: concord align \[OPTIONS\] A B'
expect_grep help.out 'only the FIRST article'
run noargs align
expect_status 2 "no inputs" noargs
expect_grep noargs.err "Try 'concord align --help'"
run onearg align a.txt
expect_status 2 "one input" onearg
run three align a.txt b.txt c.txt
expect_status 2 "three inputs" three
run badoff align --offsets words a.txt b.txt
expect_status 2 "--offsets words" badoff
expect_grep badoff.err "invalid value for --offsets: 'words'"
run badscore align --min-score 1.5 a.txt b.txt
expect_status 2 "--min-score 1.5" badscore
run badwords align --min-words 0 a.txt b.txt
expect_status 2 "--min-words 0" badwords
run badfmt align --format xml a.txt b.txt
expect_status 2 "--format xml" badfmt
run badopt align --frobnicate a.txt b.txt
expect_status 2 "unknown option" badopt
run missing align a.txt does-not-exist.txt
expect_status 2 "missing input" missing
expect_grep missing.err 'does-not-exist.txt'
run stdin2 align - -
expect_status 2 "both standard input" stdin2
: >empty.txt
run empty align empty.txt a.txt
expect_status 2 "empty input" empty
expect_grep empty.err 'empty.txt: no article'
run nownet align --wordnet "$WORK/no-such-dir" a.txt b.txt
expect_status 2 "--wordnet missing directory" nownet

# The run: s1+s2 is one block (moved), s4 another; offsets by hand:
# a: s1+s2 = [0, 168), s4 = [261, 331); b: s4 = [0, 70), s1+s2 = [72, 240).
run main align --no-synonyms a.txt b.txt
expect_status 0 "align a b" main
expect_clean main.err
expect_lines main.out '.' 3
expect_grep main.out '^\{"type":"passage","a":\[0,168\],"b":\[72,240\],"kind":"verbatim","score":1.0000\}$'
expect_grep main.out '^\{"type":"passage","a":\[261,331\],"b":\[0,70\],"kind":"verbatim","score":1.0000\}$'
expect_grep main.out '^\{"type":"coverage","a":0\.7[0-9]*,"b":1\.0000,"passages":2\}$'
# Passages come sorted by their start in A.
[[ $(head -1 main.out) == *'"a":[0,168]'* ]] || fail "passages not sorted by a"

run tsv align --no-synonyms --format tsv a.txt b.txt
expect_status 0 "tsv" tsv
expect_grep tsv.out $'^passage\t0\t168\t72\t240\tverbatim\t1.0000$'
expect_grep tsv.out $'^coverage\t0\\.7[0-9]*\t1\\.0000\t2$'

# Nothing shared: only the coverage line, exit 0.
run none align --no-synonyms a.txt c.txt
expect_status 0 "unrelated" none
expect_lines none.out '.' 1
expect_grep none.out '^\{"type":"coverage","a":0\.0000,"b":0\.0000,"passages":0\}$'

# --min-words: the shared 12-word sentence s4 alone needs --min-words <= 12.
printf '%s %s\n' "$other" "$s4" >d.txt
run mw13 align --no-synonyms --min-words 13 a.txt d.txt
expect_lines mw13.out '"type":"passage"' 0
run mw12 align --no-synonyms --min-words 12 a.txt d.txt
expect_grep mw12.out '"a":\[261,331\]'

# Offsets in characters: the 4 two-byte letters of the prefix shift bytes only.
u='Zürich café naïve élan über Straße ist schön und gut heute morgen früh'
printf '%s\n' "$u" >u1.txt
printf 'Prefix ünïcödé words. %s!\n' "$u" >u2.txt
run bytes align --no-synonyms u1.txt u2.txt
expect_grep bytes.out '"a":\[0,78\],"b":\[26,104\]'
run chars align --no-synonyms --offsets chars u1.txt u2.txt
expect_status 0 "--offsets chars" chars
expect_grep chars.out '"a":\[0,70\],"b":\[22,92\]'

# JSON Lines input: the first record is used, with a warning that more follow;
# standard input works for one of the two.
printf '{"id":"x","text":"%s %s"}\n{"id":"y","text":"%s"}\n' "$s1" "$s2" "$other" >a.jsonl
run jsonl align --no-synonyms a.jsonl b.txt
expect_status 0 "jsonl" jsonl
expect_grep jsonl.err 'a.jsonl: only the first article is used'
expect_grep jsonl.out '"a":\[0,168\],"b":\[72,240\]'
"$CONCORD" align --no-synonyms - b.txt <a.txt >stdin.out 2>stdin.err
expect_grep stdin.out '"a":\[0,168\],"b":\[72,240\]'
expect_clean stdin.err

# With WordNet (when installed): the same passages, and a spun copy is "spun".
if [[ -r /usr/share/wordnet/data.noun || -n ${CONCORD_WORDNET_DIR:-} ]]; then
    run wn align a.txt b.txt
    expect_status 0 "with WordNet" wn
    expect_grep wn.out '"a":\[0,168\],"b":\[72,240\],"kind":"verbatim"'
    printf '%s\n' 'The company said it would buy the large factory near the old harbour and begin production of cars there in the autumn.' >sp1.txt
    printf '%s\n' 'The firm said it would purchase the big factory near the old harbour and start production of automobiles there in the fall.' >sp2.txt
    run spun align sp1.txt sp2.txt
    expect_grep spun.out '"kind":"spun"'
fi
finish
