#!/usr/bin/env bash
# eval/relate.sh - `concord relate` graded on a real corpus with planted
# rewrites, and on the seed reports (EVALUATION.md, "Every related pair of
# a corpus (issue #3)").
#
#   eval/relate.sh CONCORD GEN_REWRITES SOURCE_DIR WORKDIR
#
# 1. Planted rewrites: gen_rewrites makes, from N BBC articles (default 200,
#    $CONCORD_RELATE_ARTICLES), a verbatim copy with boilerplate, an
#    excerpt, a shuffle, spins at 20/40/60% and a condensed paraphrase of
#    each. Every rewrite is added to the whole BBC corpus as an article of
#    its own ("rw-ID"); `concord relate` runs on the lot and each planted
#    pair (original, rewrite) is looked up in its output: recall by rewrite
#    type and the relation given. Also printed: candidates verified against
#    n(n-1)/2.
# 2. Seeds: the five seed reports alone, then mixed into BBC: all 10 pairs
#    must come out related (same_story or a reuse relation).
# Gates: recall >= 0.95 for verbatim, excerpt, shuffle, spin20, spin40 and
# paraphrase, >= 0.85 for spin60; all 10 seed pairs in both runs.
# Corpora: $CONCORD_CORPORA, else SOURCE_DIR/../shared/corpora; exit 77
# (CTest: skipped) when absent (or without jq or the mythes thesaurus).
# Exit status: 0 pass, 1 a gate failed, 2 usage.
set -euo pipefail
if [ $# -ne 4 ]; then
    echo "usage: $0 CONCORD GEN_REWRITES SOURCE_DIR WORKDIR" >&2
    exit 2
fi
concord="$1" gen="$2" src="$3" work="$4"
corpora="${CONCORD_CORPORA:-$src/../shared/corpora}"
[ -r "$corpora/bbc.jsonl" ] && [ -d "$corpora/seeds" ] ||
    { echo "corpora not found at $corpora; skipping"; exit 77; }
command -v jq >/dev/null || { echo "jq not found; skipping"; exit 77; }
mkdir -p "$work"
cd "$work"
status=0

# --- 1. Planted rewrites in BBC -------------------------------------------
"$gen" --articles "${CONCORD_RELATE_ARTICLES:-200}" --seed 1 --skip-code 77 \
    "$corpora/bbc.jsonl" >rewrites.jsonl || exit $?
if grep -q '; skipping$' rewrites.jsonl; then cat rewrites.jsonl; exit 77; fi
# planted.tsv: ORIGINAL_ID REWRITE_ID TYPE
jq -r 'select(.type != "unrelated") | [.a_id, "rw-\(.id)", .type] | @tsv' rewrites.jsonl >planted.tsv
{
    jq -c '{id, title, text}' "$corpora/bbc.jsonl"
    jq -c 'select(.type != "unrelated") | {id: "rw-\(.id)", text: .b}' rewrites.jsonl
} >corpus.jsonl
"$concord" relate --no-progress corpus.jsonl >relate.jsonl 2>relate.err
cat relate.err
# found.tsv: A B RELATION, both orders
jq -r '[.a, .b, .relation, (.found_by | join(","))] | @tsv' relate.jsonl |
    awk -F'\t' -v OFS='\t' '{print; print $2, $1, $3, $4}' >found.tsv
# Recall by type, the relation given, and which index proposed the pairs
# found (a pair may come from several).
awk -F'\t' -v OFS='\t' '
    NR == FNR { rel[$1 "\t" $2] = $3; by[$1 "\t" $2] = $4; next }
    { key = $1 "\t" $2; r = (key in rel) ? rel[key] : "missed"; n[$3]++; c[$3 "\t" r]++
      if (r != "missed") { found[$3]++; m = split(by[key], ix, ","); for (k = 1; k <= m; k++) idx[$3 "\t" ix[k]]++ } }
    END {
        split("verbatim excerpt shuffle spin20 spin40 spin60 paraphrase", types, " ")
        split("verbatim partial spun paraphrase same_story missed", rels, " ")
        printf "%-11s %5s %7s", "type", "pairs", "recall"
        for (j = 1; j <= 6; j++) printf " %10s", rels[j]
        printf " | found by: %5s %5s %6s\n", "copy", "spin", "anchor"
        for (i = 1; i <= 7; i++) {
            t = types[i]
            printf "%-11s %5d %7.3f", t, n[t], n[t] ? found[t] / n[t] : 0
            for (j = 1; j <= 6; j++) printf " %10d", c[t "\t" rels[j]]
            printf " |           %5d %5d %6d\n", idx[t "\tcopy"], idx[t "\tspin"], idx[t "\tanchor"]
            need = t == "spin60" ? 0.85 : 0.95
            if (n[t] && found[t] / n[t] < need) { printf "GATE: %s recall %.3f < %.2f\n", t, found[t] / n[t], need; bad = 1 }
        }
        exit bad
    }' found.tsv planted.tsv || status=1

# --- 2. Seeds, alone and inside BBC ---------------------------------------
seed_pairs() { # FILE: number of distinct related pairs between two seeds
    jq -r 'select((.a | test("^[0-9]{3}_")) and (.b | test("^[0-9]{3}_"))) | "\(.a) \(.b) \(.relation)"' "$1" | sort -u | wc -l
}
"$concord" relate --no-progress -q "$corpora/seeds" >seeds.jsonl
jq -r '"\(.a) \(.b) \(.relation) \(.found_by | join(","))"' seeds.jsonl
n=$(seed_pairs seeds.jsonl)
echo "seeds alone: $n of 10 pairs related"
[ "$n" -eq 10 ] || { echo "GATE: seeds alone: $n of 10 pairs"; status=1; }
"$concord" relate --no-progress "$corpora/bbc.jsonl" "$corpora/seeds" >seeds_bbc.jsonl 2>seeds_bbc.err
n=$(seed_pairs seeds_bbc.jsonl)
other=$(jq -r 'select((.a | test("^[0-9]{3}_")) != (.b | test("^[0-9]{3}_")))' seeds_bbc.jsonl | grep -c '"a"' || true)
echo "seeds inside BBC: $n of 10 pairs related; $other pairs between a seed and a BBC article"
[ "$n" -eq 10 ] || { echo "GATE: seeds inside BBC: $n of 10 pairs"; status=1; }
exit $status
