#!/usr/bin/env bash
# eval/seeds_quotes.sh - `concord quotes` on the five seed reports (issue #3,
# point 7d).
#
#   eval/seeds_quotes.sh CONCORD SOURCE_DIR WORKDIR
#
# Reads ../shared/corpora/seeds (relative to SOURCE_DIR, or
# $CONCORD_CORPORA/seeds) at run time; nothing of the seeds is copied into
# the project. Prints every group of the same quote across articles, with
# members and speakers, then checks the three shared quotations that a
# reader finds in the seeds:
#   - 001 and 003: the NATO official's remark on "alleged leaks";
#   - 003 and 004: the NATO letter's sentence on "broken the trust";
#   - 000 and 003: Peskov in two wordings, "We didn't make anything public"
#     (000) and "We didn't publish anything" (003).
# (These phrases are the ones issue #3 quotes; the seeds are read at run time.)
# Exit status: 0 all found, 1 one missing, 77 seeds (or jq) absent.
set -euo pipefail
name=seeds_quotes
source "$(dirname "$0")/seeds_lib.sh"
out="$work/seeds.quotes.jsonl"
"$concord" quotes --no-progress "$seeds" >"$out" 2>"$work/seeds.stderr"
cat "$work/seeds.stderr"

# Each group: its members as "ARTICLE@START [speaker] text".
jq -r -s '
  (map(select(.type == "quote")) | map({key: "\(.article)@\(.start)", value: .}) | from_entries) as $q
  | .[] | select(.type == "quote_group")
  | "group \(.id) (speakers: \(.speakers | join("; ") | if . == "" then "none" else . end))",
    (.members[] | $q["\(.article)@\(.start)"] as $m
     | "  \(.article[0:3])@\(.start) [\($m.speaker // "-")] \($m.text)")' "$out"

# group_has A REGEX_A B REGEX_B: a group holds a quote of article A* whose
# text matches REGEX_A and one of article B* matching REGEX_B.
group_has() {
    jq -e -s --arg a "$1" --arg ra "$2" --arg b "$3" --arg rb "$4" '
      (map(select(.type == "quote")) | map({key: "\(.article)@\(.start)", value: .text}) | from_entries) as $t
      | [.[] | select(.type == "quote_group")
         | [.members[] | {a: .article, t: $t["\(.article)@\(.start)"]}] as $m
         | select(any($m[]; (.a | startswith($a)) and (.t | test($ra; "i")))
                  and any($m[]; (.a | startswith($b)) and (.t | test($rb; "i"))))]
      | length > 0' "$out" >/dev/null
}

failed=0
check() {
    if group_has "$@"; then
        echo "ok: $1 \"$2\" grouped with $3 \"$4\""
    else
        echo "MISSING: $1 \"$2\" not grouped with $3 \"$4\""
        failed=1
    fi
}
check 001 'comment on alleged leaks' 003 'comment on alleged leaks'
check 003 'has broken the trust' 004 'has broken the trust'
check 000 "^We didn.t make anything public" 003 "^We didn.t publish anything"
exit $failed
