# Crash safety of concord ingest: kill -9 at random moments (20 times,
# seeded). After each kill the database must pass integrity_check, hold
# every article that ingest reported committed (--commit-log) exactly as
# an uninterrupted run stored it (with the story it joined), and a re-run of the same ingest must end
# with exactly the content of an uninterrupted run, story assignments and
# the story engine's saved state included.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 command-line tool missing (scripts/install-deps.sh)"; exit 77; }
command -v jq >/dev/null || { echo "jq missing (scripts/install-deps.sh)"; exit 77; }
RANDOM=20260
iterations=20
n=1000

awk -v n=$n -v seed=3 -f "$SRC/tests/cli/store_corpus.awk" >corpus.jsonl
jq -r .id corpus.jsonl >ids.txt
dump() { sqlite3 "$1" 'SELECT id, version, superseded, content, quote(title), quote(date), text, hex(signature) FROM articles ORDER BY id, version;
                        SELECT b.key, a.id, a.version FROM band_rows b JOIN articles a USING (doc) ORDER BY 1, 2, 3;
                        SELECT a.id, a.version, s.story FROM article_story s JOIN articles a USING (doc) ORDER BY 1, 2;
                        SELECT version, hex(state) FROM story_state;'; }
ingest_args=(ingest --batch 20 --no-progress -q corpus.jsonl)

start=$(date +%s%N)
"$CONCORD" "${ingest_args[@]}" --db reference.db --commit-log reference.log >/dev/null 2>reference.err || fail "reference run failed: $(head -c 300 reference.err)"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
dump reference.db >reference.dump
# Every input line is a new article or a new version: row doc = input position.
[[ $(sqlite3 reference.db 'SELECT count(*) || " " || max(doc) FROM articles') == "$n $n" ]] ||
    fail "reference: expected $n rows numbered 1..$n"

mid_run=0
for ((i = 1; i <= iterations; i++)); do
    rm -f crash.db crash.db-wal crash.db-shm crash.log
    delay_ms=$(( RANDOM % (elapsed_ms + 1) ))
    # concord itself in the background (not a shell function: kill -9
    # would hit the subshell and leave concord running).
    "$CONCORD" "${ingest_args[@]}" --db crash.db --commit-log crash.log >/dev/null 2>"crash$i.err" &
    pid=$!
    sleep "$(awk -v ms=$delay_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    committed=$(tail -n 1 crash.log 2>/dev/null | cut -d' ' -f2)
    committed=${committed:-0}
    if [[ $committed -gt 0 && $committed -lt $n ]]; then mid_run=$((mid_run + 1)); fi
    if [[ -s crash.db ]]; then
        check=$(sqlite3 crash.db 'PRAGMA integrity_check' 2>&1)
        [[ $check == ok ]] || fail "iteration $i (killed after $delay_ms ms): integrity_check: $check"
    fi
    if [[ $committed -gt 0 ]]; then
        # The first $committed input ids are stored (checked against the input itself) ...
        missing=$(head -n "$committed" ids.txt | sort -u | comm -23 - <(sqlite3 crash.db 'SELECT DISTINCT id FROM articles' | sort -u) | head -3)
        [[ -z $missing ]] || fail "iteration $i: committed ids missing after kill -9: $missing"
        # ... as the uninterrupted run stored them.
        differ=$(sqlite3 crash.db "ATTACH 'reference.db' AS ref;
            SELECT count(*) FROM ref.articles r WHERE r.doc <= $committed AND NOT EXISTS (
              SELECT 1 FROM main.articles m WHERE m.doc = r.doc AND m.id = r.id AND m.version = r.version
                AND m.content = r.content AND m.text = r.text AND m.signature = r.signature)")
        [[ $differ == 0 ]] || fail "iteration $i: $differ of $committed committed articles missing or different"
        # ... with the stories they joined.
        differ=$(sqlite3 crash.db "ATTACH 'reference.db' AS ref;
            SELECT count(*) FROM ref.article_story r WHERE r.doc <= $committed AND NOT EXISTS (
              SELECT 1 FROM main.article_story m WHERE m.doc = r.doc AND m.story = r.story)")
        [[ $differ == 0 ]] || fail "iteration $i: $differ of $committed committed articles lost or changed their story"
    fi
    # Re-running completes to the uninterrupted content.
    "$CONCORD" "${ingest_args[@]}" --db crash.db --commit-log crash.log >/dev/null 2>"rerun$i.err" || fail "iteration $i: re-run failed: $(head -c 300 "rerun$i.err")"
    dump crash.db >crash.dump
    cmp -s crash.dump reference.dump || fail "iteration $i (killed after $delay_ms ms, $committed committed): re-run content differs"
done
# The test is only worth something if kills land mid-run.
[[ $mid_run -ge $((iterations / 4)) ]] ||
    fail "only $mid_run of $iterations kills landed after a commit and before the end (run takes $elapsed_ms ms)"
echo "$mid_run of $iterations kills landed mid-run (run: $elapsed_ms ms)"
finish
