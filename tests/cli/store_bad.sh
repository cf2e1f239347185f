# Bad input to the store: a corrupt file, another application's SQLite
# database, a damaged store, a read-only file or directory, a full disk
# (ulimit -f) and a size limit (--max-size). Each must give a clear error
# and leave what was there intact (same bytes, or integrity_check and the
# same committed content).
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 command-line tool missing (scripts/install-deps.sh)"; exit 77; }

# Permission checks need an unprivileged user: root writes anything, so
# as root the commands that must meet a read-only path run as nobody.
as_user() {
    if [[ $(id -u) -eq 0 ]]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else "$@"; fi
}
run_as() {
    local name=$1; shift
    as_user "$CONCORD" "$@" >"$name.out" 2>"$name.err" </dev/null
    status=$?
}
dump() { sqlite3 "$1" 'SELECT doc, id, version, superseded, content, text, hex(signature) FROM articles ORDER BY doc;
                        SELECT key, doc FROM band_rows ORDER BY key, doc;'; }
checkpoint() { sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; }

awk -v n=300 -v seed=5 -f "$SRC/tests/cli/store_corpus.awk" >base.jsonl
awk -v n=900 -v seed=5 -f "$SRC/tests/cli/store_corpus.awk" | tail -n 600 >more.jsonl
chmod 644 base.jsonl more.jsonl
run base ingest --db base.db --no-progress base.jsonl
expect_status 0 "base store" base
checkpoint base.db

# refused NAME FILE PATTERN: ingest, query and dedup --db refuse FILE with
# a message matching PATTERN, and FILE keeps its bytes.
refused() {
    local name=$1 file=$2 pattern=$3 sum
    sum=$(md5sum <"$file")
    for cmd in ingest query; do
        run "$name.$cmd" "$cmd" --db "$file" --no-progress base.jsonl
        expect_status 2 "$cmd on $name" "$name.$cmd"
        expect_grep "$name.$cmd.err" "$file: $pattern"
        expect_clean "$name.$cmd.err"
    done
    run "$name.dedup" dedup --db "$file" --no-progress
    expect_status 2 "dedup --db on $name" "$name.dedup"
    expect_grep "$name.dedup.err" "$file: $pattern"
    [[ $(md5sum <"$file") == "$sum" ]] || fail "$name: the file was modified"
    [[ ! -e $file-wal ]] || fail "$name: a -wal file appeared"
}

# 1. Random bytes.
head -c 16384 /dev/urandom >junk.db
refused junk junk.db 'not a concord store: not a SQLite database'

# 2. Another application's SQLite database.
sqlite3 foreign.db "CREATE TABLE ledger(entry TEXT, toll INTEGER);
                    INSERT INTO ledger VALUES ('Port Aldwyn bridge', 4), ('Estmark ferry', 9);"
refused foreign foreign.db 'not a concord store: a SQLite database of another application'
[[ $(sqlite3 foreign.db 'SELECT sum(toll) FROM ledger') == 13 ]] || fail "foreign database content changed"

# 3. A damaged store (truncated to half): an error, no crash.
cp base.db damaged.db
truncate -s $(($(stat -c %s base.db) / 2)) damaged.db
run damaged ingest --db damaged.db --no-progress more.jsonl
expect_status 2 "ingest into a damaged store" damaged
expect_grep damaged.err 'damaged.db: .*(corrupt|damaged|malformed)'
expect_clean damaged.err

# 4. A read-only file: ingest refuses before writing; query still reads it.
mkdir -p rw && chmod 777 rw
cp base.db rw/ro.db
[[ $(id -u) -eq 0 ]] || chmod 444 rw/ro.db
sum=$(md5sum <rw/ro.db)
run_as ro ingest --db rw/ro.db --no-progress more.jsonl
expect_status 2 "ingest into a read-only file" ro
expect_grep ro.err 'rw/ro.db: cannot write the store: the file is read-only'
run_as roq query --db rw/ro.db --no-progress base.jsonl
expect_status 0 "query of a read-only file" roq
[[ $(wc -l <roq.out) -eq 300 ]] || fail "query of a read-only file: $(wc -l <roq.out) lines"
[[ $(md5sum <rw/ro.db) == "$sum" ]] || fail "read-only file modified"

# 5. A read-only directory: no store created in it, none written; query works.
mkdir -p rodir
cp base.db rodir/s.db
chmod 644 rodir/s.db
[[ $(id -u) -eq 0 ]] || chmod 555 rodir
run_as rodir ingest --db rodir/s.db --no-progress more.jsonl
expect_status 2 "ingest in a read-only directory" rodir
expect_grep rodir.err 'rodir/s.db: cannot write the store: its directory is not writable'
run_as rodirnew ingest --db rodir/new.db --no-progress more.jsonl
expect_status 2 "new store in a read-only directory" rodirnew
expect_grep rodirnew.err 'rodir/new.db: cannot write the store: its directory is not writable'
[[ ! -e rodir/new.db ]] || fail "a store appeared in a read-only directory"
run_as rodirq query --db rodir/s.db --no-progress base.jsonl
expect_status 0 "query in a read-only directory" rodirq
expect_grep rodirq.out '"id":"pa-1","outcome":"unchanged"'
chmod 755 rodir

# 6 and 7. Disk full (ulimit -f, in blocks of 1024 bytes) and --max-size:
# an error naming the cause, integrity intact, everything committed before
# still there unchanged, and a re-run without the limit completes to the
# same content as an uninterrupted run.
cp base.db reference.db
run reference ingest --db reference.db --no-progress base.jsonl more.jsonl
dump reference.db >reference.dump
limit_case() {
    local name=$1; shift
    local committed
    cp base.db "$name.db"
    # The commit log says how much of the input was committed.
    ( "$@" ) >"$name.out" 2>"$name.err"
    status=$?
    expect_status 2 "$name" "$name"
    expect_grep "$name.err" "$name.db: .*(full|write failed)"
    expect_grep "$name.err" 'rolled back'
    expect_clean "$name.err"
    [[ $(sqlite3 "$name.db" 'PRAGMA integrity_check') == ok ]] || fail "$name: integrity_check"
    committed=$(tail -n 1 "$name.log" 2>/dev/null | cut -d' ' -f2)
    [[ $(sqlite3 "$name.db" 'SELECT count(*) FROM articles') -eq $((300 + ${committed:-0})) ]] ||
        fail "$name: articles stored != base + committed (${committed:-0})"
    sqlite3 "$name.db" 'SELECT doc, id, version, content, text, hex(signature) FROM articles WHERE doc <= 300 ORDER BY doc' >"$name.old"
    sqlite3 base.db 'SELECT doc, id, version, content, text, hex(signature) FROM articles ORDER BY doc' >base.old
    # (their superseded flags may change: later versions of them were committed)
    cmp -s "$name.old" base.old || fail "$name: articles committed before were changed"
    run "$name.rerun" ingest --db "$name.db" --no-progress base.jsonl more.jsonl
    expect_status 0 "$name: re-run without the limit" "$name.rerun"
    dump "$name.db" >"$name.dump"
    cmp -s "$name.dump" reference.dump || fail "$name: re-run content differs from an uninterrupted run"
}
limit=$(( $(stat -c %s base.db) / 1024 + 1000 ))
limit_case ulimit bash -c "ulimit -f $limit; exec \"$CONCORD\" ingest --db ulimit.db --batch 50 --no-progress --commit-log ulimit.log more.jsonl"
limit_case maxsize "$CONCORD" ingest --db maxsize.db --batch 50 --no-progress --commit-log maxsize.log \
    --max-size $(( $(stat -c %s base.db) + 300 * 1024 )) more.jsonl
finish
