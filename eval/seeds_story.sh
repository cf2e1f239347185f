#!/usr/bin/env bash
# eval/seeds_story.sh - `concord story` on the five seed reports (issue #4,
# point 5: the consolidated view of the seeds' story).
#
#   eval/seeds_story.sh CONCORD SOURCE_DIR WORKDIR
#
# Reads ../shared/corpora/seeds (relative to SOURCE_DIR, or
# $CONCORD_CORPORA/seeds) at run time; nothing of the seeds is copied into
# the project. Prints the sources, the claims supported by 2+ sources, the
# quotes and the summary, then checks what issue #4 asks of the seeds:
#   - five independent sources (none of the five reuses another);
#   - three claims, each supported by exactly three sources:
#       "more than 100,000 troops"        000, 002, 003
#       Tomahawk missiles, Romania/Poland  000, 001, 002
#       the indivisibility of security     001, 002, 004
#     (the claim whose sources are those three and whose representative
#     sentence names the fact);
#   - the shared quotes: 001/003 "alleged leaks", 003/004 "broken the
#     trust", and Peskov's remark in two wordings (000/003).
# (The phrases are the ones issues #3 and #4 quote.)
# Exit status: 0 all found, 1 something missing, 77 seeds (or jq) absent.
set -euo pipefail
name=seeds_story
source "$(dirname "$0")/seeds_lib.sh"
out="$work/seeds.story.jsonl"
"$concord" story "$seeds" >"$out" 2>"$work/seeds.stderr"
cat "$work/seeds.stderr"

# Article ids are the file names; their first three characters number them.
jq -r 'select(.type == "claim") |
  "claim support=\(.support) [\([.sentences[].id[0:3]] | unique | join(","))] \(.text[0:110])"' "$out"
jq -r 'select(.type == "quote") |
  "quote support=\(.support) [\([.variants[].id[0:3]] | unique | join(","))] \(.text[0:90])"' "$out"
jq -r 'select(.type == "summary") | .sentences[] | "summary: \(.[0:110])"' "$out"

fail=0
sources=$(jq -r 'select(.type == "story_view") | .sources' "$out")
if [ "$sources" = 5 ]; then
    echo "ok: 5 independent sources"
else
    echo "FAIL: $sources independent sources, expected 5"
    fail=1
fi

# claim ARTICLES REGEX: a claim of support 3 from exactly ARTICLES whose
# representative sentence matches REGEX (case-insensitive).
claim() {
    local n
    n=$(jq -r --arg set "$1" --arg re "$2" 'select(.type == "claim" and .support == 3 and
          ([.sentences[].id[0:3]] | unique | join(",")) == $set and (.text | test($re; "i")))
        | .support' "$out" | wc -l)
    if [ "$n" -ge 1 ]; then
        echo "ok: claim '$2' supported by $1"
    else
        echo "FAIL: no claim '$2' supported by exactly $1"
        fail=1
    fi
}
claim "000,002,003" "100,000"
claim "000,001,002" "tomahawk"
claim "001,002,004" "indivisib"

# quote ARTICLES REGEX: a quote group holding ARTICLES with a variant matching REGEX.
quote() {
    local n
    n=$(jq -r --arg a "${1%,*}" --arg b "${1#*,}" --arg re "$2" 'select(.type == "quote" and
          ([.variants[].id[0:3]] | index($a) != null and index($b) != null) and
          ([.variants[].text | test($re; "i")] | any)) | .support' "$out" | wc -l)
    if [ "$n" -ge 1 ]; then
        echo "ok: quote '$2' shared by $1"
    else
        echo "FAIL: no quote '$2' shared by $1"
        fail=1
    fi
}
quote "001,003" "alleged leaks"
quote "003,004" "broken the trust"
quote "000,003" "publi(c|sh)"
exit $fail
