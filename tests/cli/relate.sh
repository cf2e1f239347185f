# `concord relate` on examples/ (the fictional Port Aldwyn corpus): the
# ground truth of examples/README.md asserted pair by pair; output formats,
# options, determinism and bad input.
source "$(dirname "$0")/lib.sh"
EX=$SRC/examples

run ex relate --no-progress "$EX"
expect_status 0 "relate examples" ex
expect_clean ex.err
# The eight articles of the bridge story (wire original, outlets A-G) make
# 8*7/2 = 28 related pairs; the four unrelated stories none, and they are
# not even candidates (the summary counts 28 candidates, 0 unrelated).
expect_lines ex.out '"type":"relate"' 28
expect_no_grep ex.out 'unrelated-'
expect_grep ex.err '12 articles read, 0 skipped; 28 pairs written'
expect_grep ex.err ': 28 candidates verified of 66 pairs .*; 0 unrelated'
pair() { grep -E "\"a\":\"$1\",\"b\":\"$2\",\"relation\":\"$3\"" ex.out >/dev/null || fail "$1 / $2 not $3: $(grep -E "\"a\":\"$1\",\"b\":\"$2\"" ex.out)"; }
pair outlet-a-wire-copy.txt wire-original.txt verbatim
pair outlet-b-wire-edited.txt wire-original.txt verbatim
pair outlet-c-excerpt.txt wire-original.txt partial
pair outlet-a-wire-copy.txt outlet-c-excerpt.txt partial
if ! grep -q 'no synonyms' ex.err; then # the spin needs WordNet
    pair outlet-d-spun.txt wire-original.txt spun
    pair outlet-a-wire-copy.txt outlet-d-spun.txt spun
fi
# Independent reports and the follow-up: the same story, not copies.
for f in e-independent f-independent g-followup; do
    pair "outlet-$f.txt" wire-original.txt same_story
done
pair outlet-e-independent.txt outlet-f-independent.txt same_story
# The edited copy carries a "Reporting by" credit line: it derives.
expect_grep ex.out '"a":"outlet-b-wire-edited.txt","b":"wire-original.txt","relation":"verbatim","score":0\.9[0-9]+,"direction":"b->a"'
# The spun copy is found by the spin index, not by shingles.
expect_grep ex.out '"a":"outlet-d-spun.txt","b":"wire-original.txt",.*"found_by":\["spin","anchor"\]'
expect_grep ex.out '"a":"outlet-e-independent.txt","b":"wire-original.txt",.*"found_by":\["anchor"\]'

# Deterministic: the same bytes twice.
run again relate --no-progress "$EX"
cmp -s ex.out again.out || fail "two runs differ"

# Filters.
run story relate --no-progress -q --relations same_story "$EX"
expect_status 0 "--relations same_story" story
expect_lines story.out '"relation":"same_story"' 18
expect_lines story.out '"type":"relate"' 18
[[ ! -s story.err ]] || fail "-q still wrote to stderr: $(cat story.err)"
run reuse relate --no-progress -q --relations reuse,same_story --min-score 0.75 "$EX"
expect_no_grep reuse.out '"score":0\.[0-6]'
expect_grep reuse.out '"a":"outlet-c-excerpt.txt","b":"wire-original.txt","relation":"partial"'

# --features, --passages, TSV.
run feat relate --no-progress -q --features --passages "$EX"
expect_lines feat.out '"features":\{"shingle_contain_a":' 28
expect_grep feat.out '"a":"outlet-c-excerpt.txt","b":"wire-original.txt",.*"passages":\[\{"a":\[[0-9]+,[0-9]+\],"b":\[[0-9]+,[0-9]+\],"kind":"verbatim","score":1\.0000\}'
run tsv relate --no-progress -q -f tsv --passages "$EX"
expect_lines tsv.out '.' 28
expect_grep tsv.out $'^outlet-c-excerpt.txt\twire-original.txt\tpartial\t0\\.[0-9]{4}\t(a->b|b->a|unknown)\t[01]\\.[0-9]{2}\tcopy,spin,anchor\t[0-9]+-[0-9]+:[0-9]+-[0-9]+:verbatim:'
awk -F'\t' 'NF != 8 { exit 1 }' tsv.out || fail "TSV rows do not all have 8 columns"

# JSON Lines on standard input, compressed input.
command -v jq >/dev/null || { echo "jq not found: skipped"; exit 77; }
for f in wire-original outlet-c-excerpt unrelated-museum-opening; do
    tail -n +6 "$EX/$f.txt" | jq -cRs --arg id "$f" '{id: $id, text: .}'
done >three.jsonl
"$CONCORD" relate --no-progress - <three.jsonl >stdin.out 2>stdin.err
expect_lines stdin.out '"type":"relate"' 1
expect_grep stdin.out '"a":"wire-original","b":"outlet-c-excerpt","relation":"partial"'
gzip -c three.jsonl >three.jsonl.gz
run gz relate --no-progress -q three.jsonl.gz
cmp -s stdin.out gz.out || fail "gzip input differs from plain"

# Help and usage.
run help relate --help
expect_status 0 "--help" help
for o in --relations --min-score --features --passages --no-synonyms --wordnet --min-anchors \
    --anchor-weight --max-anchor-df --copy-threshold --spin-threshold --perms --seed --format \
    --strict --no-progress --quiet --id-field --max-record-bytes; do
    expect_grep help.out -- "$o"
done
run top --help
expect_grep top.out '^  relate +every related pair'

# Bad input: usage errors exit 2, skipped records 1 under --strict.
run none relate --no-progress
expect_status 2 "no input" none
run badrel relate --relations copies "$EX"
expect_status 2 "unknown relation" badrel
expect_grep badrel.err "invalid value for --relations: 'copies'"
run badscore relate --min-score 2 "$EX"
expect_status 2 "--min-score 2" badscore
run badopt relate --no-such-option "$EX"
expect_status 2 "unknown option" badopt
run missing relate --no-progress does-not-exist.jsonl
expect_status 2 "missing input" missing
expect_grep missing.err 'no input could be read'
{ cat three.jsonl; printf '{"id":"broken","text": "unterminated\n'; } >bad.jsonl
run bad relate --no-progress bad.jsonl
expect_status 0 "a bad line without --strict" bad
expect_grep bad.err 'bad.jsonl:4:'
expect_lines bad.out '"type":"relate"' 1
run strict relate --no-progress --strict bad.jsonl
expect_status 1 "--strict with a skipped line" strict
expect_clean bad.err
finish
