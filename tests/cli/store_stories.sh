# The stories a store keeps: concord ingest assigns them, concord stories
# --db lists them, concord story ID --db consolidates one, and concord
# stories --consolidate adds the consolidated view of every story. The
# articles are the project's example corpus (examples/, invented).
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "jq missing (scripts/install-deps.sh)"; exit 77; }
ex="$SRC/examples"
bridge=(wire-original.txt outlet-a-wire-copy.txt outlet-b-wire-edited.txt outlet-c-excerpt.txt
        outlet-d-spun.txt outlet-e-independent.txt outlet-f-independent.txt outlet-g-followup.txt)

run in ingest --db s.db --no-progress "$ex"/*.txt
expect_status 0 "ingest" in
expect_grep in.err '12 articles read, 0 skipped; 12 new'
expect_grep in.err 'the store holds 12 articles \(12 versions\) in 5 stories'
expect_clean in.err

# 1. The store's stories: the eight bridge reports together, each other
#    example alone, one line per article; the same partition as a batch
#    run over the same files.
run ls stories --db s.db
expect_status 0 "stories --db" ls
expect_clean ls.err
expect_lines ls.out '"type":"story"' 5
expect_lines ls.out '"type":"article"' 12
partition() { jq -r 'select(.type == "story") | [.members[] | sub(".*/"; "")] | sort | join(" ")' "$1" | sort; }
[[ $(partition ls.out | grep -c wire-original) == 1 ]] || fail "no story holds wire-original"
[[ $(partition ls.out | grep wire-original) == "$(printf '%s\n' "${bridge[@]}" | sort | tr '\n' ' ' | sed 's/ $//')" ]] ||
    fail "the bridge story: $(partition ls.out | grep wire-original)"
# (A batch run orders by date, ingest takes arrival order: only the bridge
# story is required to be the same.)
run batch stories --no-progress "$ex"/*.txt
[[ $(partition batch.out | grep wire-original) == "$(partition ls.out | grep wire-original)" ]] ||
    fail "store and batch bridge stories differ"
id=$(jq -r 'select(.type == "story" and (.members | map(test("wire-original")) | any)) | .id' ls.out)

# 2. One story of the store = the same articles given as files.
run one story --db s.db "$id"
expect_status 0 "story --db" one
expect_clean one.err
run files story "${bridge[@]/#/$ex/}"
view() { jq -c 'select(.type == "claim" or .type == "quote") | {type, support, text}' "$1" | sort; }
[[ -n $(view one.out) ]] || fail "story --db: no claim or quote"
[[ $(view one.out) == "$(view files.out)" ]] || fail "story --db differs from story on the files: $(diff <(view one.out) <(view files.out) | head -4)"
[[ $(jq -c 'select(.type == "story_view")' one.out) == $(jq -c 'select(.type == "story_view")' files.out) ]] ||
    fail "story_view lines differ"
expect_grep one.out '"type":"story_view","articles":8,"sources":[2-7],'

# 3. --consolidate: after each story of two or more articles, its view,
#    every line tagged with the story.
run cons stories --db s.db --consolidate
expect_status 0 "stories --db --consolidate" cons
expect_lines cons.out '"type":"story_view"' 1
[[ $(jq -c "select(.type == \"story_view\") | del(.story)" cons.out) == $(jq -c 'select(.type == "story_view")' one.out) ]] ||
    fail "--consolidate's view differs from story ID --db"
[[ $(jq -r "select(.type != \"story\" and .type != \"article\") | .story" cons.out | sort -u) == "$id" ]] ||
    fail "--consolidate: view lines not tagged with story $id"
run bcons stories --no-progress --consolidate "$ex"/*.txt
expect_status 0 "stories --consolidate" bcons
bid=$(jq -r 'select(.type == "story" and (.members | map(test("wire-original")) | any)) | .id' bcons.out)
jq -c "select(.story == $bid)" bcons.out >bcons.bridge
[[ $(view bcons.bridge) == "$(view files.out)" ]] || fail "batch --consolidate differs from story on the files"

# 4. query: a stored article's story, its size and its latest other
#    articles; an unseen follow-up of the bridge story would join it; an
#    unrelated text would start a new one.
cat >new.jsonl <<'EOF2'
{"id":"bridge-day-3","date":"2025-03-16","title":"Kellow Harbour Bridge repairs to start as ferries fill up","text":"PORT ALDWYN - Engineers will fit temporary steel supports to the cracked eastern pier of the Kellow Harbour Bridge next week, the city said on Sunday, as the free ferries across the harbour carried more passengers than on any day since the Corran Star struck the bridge. Mayor Tobias Greenhalgh said the bridge would stay closed for at least six weeks."}
{"id":"choir","date":"2025-03-16","title":"Village choir wins regional contest","text":"A village choir from the hills above Brelle won the regional singing contest on Sunday with a programme of folk songs, its conductor said, and will travel to the national final in the autumn."}
EOF2
run q query --db s.db --no-progress new.jsonl "$ex/outlet-g-followup.txt"
expect_status 0 "query" q
expect_clean q.err
expect_grep q.err 'stories loaded in'
expect_grep q.out "^\{\"id\":\"bridge-day-3\",\"outcome\":\"new\",\"stored_version\":null,\"story\":$id,\"story_size\":8,"
expect_grep q.out '^\{"id":"choir","outcome":"new","stored_version":null,"story":null,"story_size":0,"related":\[\],'
g=$(jq -c 'select(.id | test("outlet-g"))' q.out)
[[ $(jq -r .story <<<"$g") == "$id" && $(jq -r .story_size <<<"$g") == 8 ]] || fail "query of a stored article: $g"
[[ $(jq -r '.related | length' <<<"$g") == 5 ]] || fail "related: not the 5 latest: $g"
[[ $(jq -r '.related[] | select(test("outlet-g"))' <<<"$g") == "" ]] || fail "related lists the article itself"
# Newest first: the related ones are the last five stored (files in glob order), outlet-g left out.
want=$(printf '%s\n' "$ex"/*.txt | grep -E "/(outlet|wire)" | grep -v outlet-g | tail -n 5 | tac | tr '\n' ' ')
[[ $(jq -r '.related[]' <<<"$g" | tr '\n' ' ') == "$want" ]] || fail "related order: $(jq -c .related <<<"$g")"
run q0 query --db s.db --no-progress --related 0 "$ex/outlet-g-followup.txt"
expect_grep q0.out '"story_size":8,"related":\[\]'

# 5. A new version replaces the old one in the listing.
jq -nc --arg t "$(cat "$ex/unrelated-weather-warning.txt") The warning was later lifted." \
    '{id: "weather", text: $t}' >v1.jsonl
jq -nc --arg t "$(cat "$ex/unrelated-weather-warning.txt")" '{id: "weather", text: $t}' >v2.jsonl
run nv1 ingest --db s.db --no-progress v1.jsonl
run nv2 ingest --db s.db --no-progress v2.jsonl
expect_grep nv2.err '0 new, 0 unchanged, 1 new versions'
run ls2 stories --db s.db
expect_lines ls2.out '"type":"article","id":"weather"' 1
expect_lines ls2.out '"type":"article"' 13
expect_grep ls2.err '13 articles \(14 versions\)'

# 6. Usage errors.
run e1 story --db s.db 999
expect_status 2 "story --db unknown id" e1
expect_grep e1.err 'no story 999'
run e2 story --db s.db
expect_status 2 "story --db without id" e2
expect_grep e2.err 'exactly one story ID'
run e3 stories --db s.db "$ex/wire-original.txt"
expect_status 2 "stories --db with INPUT" e3
expect_grep e3.err 'no INPUT and no clustering option'
run e4 stories --db s.db -t 0.5
expect_status 2 "stories --db with a clustering option" e4
run e5 stories --consolidate -f tsv "$ex/wire-original.txt"
expect_status 2 "--consolidate with tsv" e5
run e6 story --db missing.db 1
expect_status 2 "story --db missing store" e6
expect_grep e6.err 'missing.db: no such store'
finish
