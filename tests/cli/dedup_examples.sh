# Golden test: `concord dedup examples/` against the checked output, plus
# the ground truth of examples/README.md asserted line by line, so a golden
# file regenerated from broken code would still fail here.
source "$(dirname "$0")/lib.sh"
golden=$SRC/tests/cli/golden

run ex dedup --no-progress "$SRC/examples"
expect_status 0 "dedup examples" ex
diff -u "$golden/dedup_examples.jsonl" ex.out >ex.diff || fail "output differs from golden: $(cat ex.diff)"
expect_grep ex.err '12 articles read, 0 skipped; 6 pairs \(1 exact, 2 near, 3 contained\) in 1 groups'
expect_clean ex.err

# Ground truth (examples/README.md): the verbatim copy is exact, the edited
# copy near, the excerpt contained in the stories it was cut from.
expect_grep ex.out '"a":"outlet-a-wire-copy.txt","b":"wire-original.txt","relation":"exact","jaccard":1.0000'
expect_grep ex.out '"a":"outlet-b-wire-edited.txt","b":"wire-original.txt","relation":"near","jaccard":0\.8[5-9]'
expect_grep ex.out '"a":"outlet-c-excerpt.txt","b":"wire-original.txt","relation":"contained","jaccard":0\.5[0-9]+,"a_in_b":1\.0000'
expect_grep ex.out '"members":\["outlet-a-wire-copy.txt","outlet-b-wire-edited.txt","outlet-c-excerpt.txt","wire-original.txt"\]'
# Spun copies, independent reports, follow-ups and unrelated stories are
# not duplicates (rewrites are issue #3's job).
expect_no_grep ex.out 'outlet-d-spun|outlet-e-independent|outlet-f-independent|outlet-g-followup|unrelated-'
expect_lines ex.out '"type":"group"' 1

run tsv dedup --no-progress -q --format tsv "$SRC/examples"
diff -u "$golden/dedup_examples.tsv" tsv.out >tsv.diff || fail "tsv differs from golden: $(cat tsv.diff)"
[[ ! -s tsv.err ]] || fail "-q still wrote to stderr: $(cat tsv.err)"

# Deterministic: the same input twice gives the same bytes.
run again dedup --no-progress "$SRC/examples"
cmp -s ex.out again.out || fail "two runs differ"
finish
