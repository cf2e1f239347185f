# concord ingest / query / --db: what is stored, what is found, what is
# never written. Articles are invented (store_corpus.awk); the near
# duplicates found incrementally are checked against concord dedup on the
# same input, and the database against SQLite's own command-line tool.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 command-line tool missing (scripts/install-deps.sh)"; exit 77; }
command -v jq >/dev/null || { echo "jq missing (scripts/install-deps.sh)"; exit 77; }

awk -v n=600 -v seed=11 -f "$SRC/tests/cli/store_corpus.awk" >all.jsonl
# Without the re-sent ids (every 40th line): one version per id.
awk 'NR % 40 != 0' all.jsonl >once.jsonl

# 1. Incremental near duplicates = dedup's pairs on the same articles.
run once ingest --db once.db --batch 37 --no-progress once.jsonl
expect_status 0 "ingest" once
expect_grep once.err '585 articles read, 0 skipped; 585 new, 0 unchanged, 0 new versions'
expect_clean once.err
jq -r '.id as $a | .duplicates[] | [([.id, $a] | sort | join(" ")), .relation] | @tsv' once.out | sort >ingest.pairs
run dedup dedup --no-progress once.jsonl
jq -r 'select(.type == "pair") | [([.a, .b] | sort | join(" ")), .relation] | @tsv' dedup.out | sort >dedup.pairs
[[ -s dedup.pairs ]] || fail "dedup found no pairs: the corpus plants some"
diff dedup.pairs ingest.pairs >/dev/null || fail "ingest's pairs differ from dedup's: $(diff dedup.pairs ingest.pairs | head -5)"
[[ $(sqlite3 once.db 'PRAGMA integrity_check') == ok ]] || fail "integrity_check"
[[ $(sqlite3 once.db 'PRAGMA application_id') == 1129202500 ]] || fail "application_id"
[[ $(sqlite3 once.db 'PRAGMA user_version') == 2 ]] || fail "user_version"
[[ $(sqlite3 once.db 'PRAGMA journal_mode') == wal ]] || fail "journal_mode"
[[ $(sqlite3 once.db 'SELECT count(*) FROM articles') == 585 ]] || fail "article count"
# Every indexed article has one row per band; metadata kept.
bands=$(sqlite3 once.db "SELECT value FROM meta WHERE key = 'bands'")
[[ $(sqlite3 once.db "SELECT count(*) FROM band_rows") == $((585 * bands)) ]] || fail "band rows"
[[ $(sqlite3 once.db "SELECT title || '|' || date FROM articles WHERE id = 'pa-7'") == 'Dispatch 7 from Port Aldwyn|2031-08-08' ]] ||
    fail "title/date of pa-7"

# 2. --db as input: dedup over the store = dedup over the file.
run dbdedup dedup --no-progress --db once.db
expect_status 0 "dedup --db" dbdedup
cmp -s dbdedup.out dedup.out || fail "dedup --db output differs from dedup on the file"
run dbdedup2 dedup --no-progress --db once.db all.jsonl
expect_grep dbdedup2.err '1185 articles read'
run nodb dedup --no-progress --db missing.db
expect_status 2 "dedup --db missing" nodb
expect_grep nodb.err 'missing.db: no such store'
[[ ! -e missing.db ]] || fail "dedup --db created a store"

# 3. Versions and idempotence.
cp once.db v.db
run v ingest --db v.db --no-progress all.jsonl
expect_status 0 "ingest with versions" v
expect_grep v.err '600 articles read, 0 skipped; 0 new, 585 unchanged, 15 new versions'
[[ $(sqlite3 v.db 'SELECT count(*) FROM articles WHERE superseded = 1') == 15 ]] || fail "superseded count"
[[ $(sqlite3 v.db 'SELECT count(*) FROM articles WHERE superseded = 0') == 585 ]] || fail "current count"
[[ $(sqlite3 v.db 'SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)') -ge 1 ]] ||
    fail "no id with two versions"
dump() { sqlite3 "$1" 'SELECT id, version, superseded, content, quote(title), quote(date), text, hex(signature) FROM articles ORDER BY id, version;
                        SELECT b.key, a.id, a.version FROM band_rows b JOIN articles a USING (doc) ORDER BY 1, 2, 3;'; }
dump v.db >v.before
run again ingest --db v.db --no-progress all.jsonl
expect_grep again.err '600 articles read, 0 skipped; 0 new, 600 unchanged, 0 new versions'
[[ ! -s again.out ]] || fail "re-ingest reported duplicates"
dump v.db >v.after
cmp -s v.before v.after || fail "re-ingesting changed the content"

# 4. query: read-only, by id and by words.
awk -v n=620 -v seed=11 -f "$SRC/tests/cli/store_corpus.awk" | tail -n 20 >new.jsonl
head -n 3 once.jsonl >>new.jsonl
sqlite3 v.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
sum_before=$(md5sum v.db)
mtime_before=$(stat -c %Y.%y v.db)
run q query --db v.db --no-progress new.jsonl
expect_status 0 "query" q
expect_clean q.err
[[ $(wc -l <q.out) -eq 23 ]] || fail "query: one line per input article"
[[ $(md5sum v.db) == "$sum_before" && $(stat -c %Y.%y v.db) == "$mtime_before" ]] || fail "query modified the store"
expect_grep q.err '23 articles read.*latency p50 .* ms, p99 .* ms'
expect_grep q.out '"id":"pa-1","outcome":"unchanged","stored_version":1,"story":[0-9]+'
expect_lines q.out '"story":[0-9]+,' 23
# A stored article's story is the one the store lists for it (ingest's
# assignment, after any merge of its story into an older one).
run vs stories --db v.db
expect_status 0 "stories --db" vs
expect_clean vs.err
[[ $(jq -r 'select(.type == "article") | .id' vs.out | sort | uniq -d | wc -l) == 0 ]] || fail "stories --db: an id listed twice"
[[ $(jq -r 'select(.type == "article") | .id' vs.out | wc -l) == 585 ]] || fail "stories --db: not one line per current article"
stored_story() { jq -r "select(.type == \"article\" and .id == \"$1\") | .story" vs.out; }
[[ $(jq -r 'select(.id == "pa-1") | .story' q.out) == $(stored_story pa-1) ]] || fail "query: pa-1's story is not the stored one"
expect_lines q.out '"outcome":"new",' 20
# Among the new ones only pa-610 and pa-620 are planted (near) copies of stored articles.
for i in 601 602 603 604 605 606 607 608 609 611 612 613 614 615 616 617 618 619; do
    line=$(grep "\"id\":\"pa-$i\"" q.out)
    [[ $line == *'"duplicates":[]'* ]] || fail "pa-$i has unexpected duplicates: $line"
done
for i in 610 620; do
    expect_grep q.out "\"id\":\"pa-$i\",\"outcome\":\"new\",\"stored_version\":null,\"story\":[0-9]+,\"story_size\":[0-9]+,\"related\":\\[[^]]*\\],\"duplicates\":\\[\\{\"id\":\"pa-[0-9]+\",\"version\":1,\"relation\":\"near\""
done
# The query's verdict matches what ingest then does.
cp v.db v2.db
run i2 ingest --db v2.db --no-progress new.jsonl
expect_grep i2.err '23 articles read, 0 skipped; 20 new, 3 unchanged, 0 new versions'
jq -c '{id, duplicates: [.duplicates[] | {id, relation, jaccard}]} | select(.duplicates != [])' q.out | sort >q.dups
jq -c '{id, duplicates: [.duplicates[] | {id, relation, jaccard}]}' i2.out | sort >i2.dups
cmp -s q.dups i2.dups || fail "query and ingest disagree: $(diff q.dups i2.dups | head -4)"
# ... and so does the story: the near copies joined the story the query named.
for i in 610 620; do
    [[ $(jq -r "select(.id == \"pa-$i\") | .story" q.out) == $(jq -r "select(.id == \"pa-$i\") | .story" i2.out) ]] ||
        fail "query and ingest disagree on pa-$i's story"
done

# 5. Usage errors.
run nodbopt ingest once.jsonl
expect_status 2 "ingest without --db" nodbopt
expect_grep nodbopt.err -- '--db FILE is required'
run badbatch ingest --db x.db --batch 0 once.jsonl
expect_status 2 "--batch 0" badbatch
[[ ! -e x.db ]] || fail "a usage error created a store"
run qmissing query --db nothere.db once.jsonl
expect_status 2 "query of a missing store" qmissing
expect_grep qmissing.err 'nothere.db: no such store'
[[ ! -e nothere.db ]] || fail "query created a store"
finish
