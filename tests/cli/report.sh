# concord report: the page's structure and safety (no external resource,
# CSP, escaping, anchors), its contents, options, determinism, and the
# errors: no -o, unreadable input, unwritable output (no partial file).
# tests/cli/report_browser.sh checks what a real browser shows.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/cli/report_corpus.bash"
write_report_corpus news.jsonl

run basic report --no-progress news.jsonl -o r.html
expect_status 0 "report" basic
expect_clean basic.err
[[ -s r.html ]] || fail "no report written"
expect_grep basic.err 'concord report: 9 articles read, 0 skipped; 4 stories, 3 of 2 or more articles, 3 in detail; wrote r.html'
[[ -s basic.out ]] && fail "report wrote to stdout: $(head -c 200 basic.out)"

# One HTML document, UTF-8, with the CSP forbidding scripts and network.
[[ $(head -c 15 r.html) == '<!DOCTYPE html>' ]] || fail "no doctype"
expect_grep r.html '<meta charset="utf-8">'
expect_grep r.html "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
expect_lines r.html '</html>' 1
# No external resource: no http(s) URL anywhere, every link an anchor of
# the page, no element that could run or fetch anything.
expect_no_grep r.html 'https?:'
grep -oE '<[^>]*>' r.html >tags.txt # text has no raw '<': these are all the tags
expect_no_grep tags.txt '[[:space:]](src|srcset|action|poster|data|style|on[a-z]+)[[:space:]]*='
grep -oE 'href="[^"]*"' r.html | grep -v '^href="#' >bad_href.txt
[[ -s bad_href.txt ]] && fail "links that leave the page: $(head -3 bad_href.txt)"
expect_no_grep r.html '<(script|img|iframe|object|embed|link|form|input|svg|base|video|audio)'
expect_no_grep r.html '@import|url\('
# Every anchor link has its target, and ids are unique.
grep -oE 'href="#[^"]*"' r.html | sed 's/^href="#//; s/"$//' | sort -u >targets.txt
grep -oE ' id="[^"]*"' r.html | sed 's/^ id="//; s/"$//' | sort >ids.txt
[[ $(uniq -d ids.txt | wc -l) -eq 0 ]] || fail "duplicate ids: $(uniq -d ids.txt | head -3)"
missing=$(comm -23 targets.txt ids.txt)
[[ -z $missing ]] || fail "links without target: $missing"
# Anchors are numbered, never built from article ids.
expect_no_grep ids.txt 'bridge|script'

# Injected markup shows as text: in the id, the title, the source and the
# body (claims of support 1 list every sentence).
expect_grep r.html '<span class="id">bridge-post&lt;script&gt;alert\(1\)&lt;/script&gt;</span> Bridge &lt;script&gt;alert\(1\)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp;amp; the cable'
expect_grep r.html '<td>Brelle Post &amp; Co</td>'
run all report --no-progress -q --min-support 1 --max-claims 100 news.jsonl -o all.html
expect_status 0 "--min-support 1" all
expect_grep all.html 'Commuters queued for the ferries, which now run every twenty minutes\.'
expect_grep all.html '&lt;script&gt;alert\(1\)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp;amp; local traders said'
expect_no_grep all.html '<(script|img)'

# The story list: every story with its counts, largest first; the one of a
# single article has no detail link.
expect_lines r.html '^<tr><td class="n">[0-9]+</td><td>' 4
expect_grep r.html '<tr><td class="n">1</td><td><a href="#s1">HARBOUR BRIDGE CLOSED AFTER CABLE SNAPS</a></td><td class="date">2031-06-01T08:00:00</td><td class="date">2031-06-02T15:00:00</td><td class="n">4</td><td class="n">2</td><td class="n">4</td></tr>'
expect_grep r.html '<tr><td class="n">4</td><td>Young champion wins the Estmark chess open</td>.*<td class="n">1</td><td class="n">1</td><td class="n">1</td></tr>'
[[ $(grep -oE '^<tr><td class="n">[0-9]+' r.html | tr -dc '0-9\n' | tr '\n' ' ') == "1 2 3 4 " ]] ||
    fail "story list order: $(grep -oE '^<tr><td class="n">[0-9]+' r.html)"
expect_lines r.html '<section class="story"' 3

# Story 1: timeline with relations, families, claims with support and who
# states them, the quote with its speaker, the conflict, side by side.
expect_grep r.html '<tr id="s1-a1"><td class="date">2031-06-01T11:00:00</td><td>Estmark Wire</td><td><span class="id">bridge-wire</span> .*</td><td class="n">F1</td><td>verbatim of <a class="id" href="#s1-a0">bridge-herald</a></td></tr>'
expect_grep r.html '<td>spun of <a class="id" href="#s1-a0">bridge-herald</a></td>'
expect_grep r.html '<summary>Sources: 2 independent of 4 articles</summary>'
expect_grep r.html 'reused by <a class="id" href="#s1-a1">bridge-wire</a> \(verbatim, Estmark Wire\), <a class="id" href="#s1-a2">bridge-coast</a> \(spun, Coastal Times\)'
expect_grep r.html '<td class="n support" title="independent sources">2</td><td>&quot;We will not reopen the bridge until every cable has been inspected and certified,&quot; said transport minister Ilya Varenko.</td>'
expect_grep r.html '<td><q>We will not reopen the bridge until every cable has been inspected and certified</q></td><td>Ilya Varenko</td>'
expect_grep r.html '<tr><td>vehicles</td><td>1,200 vehicles <span class="note">\(= 1200\)</span></td>.*<td>900 vehicles'
# Each reuse next to its origin, the copy all marked, the spin as spun.
expect_grep r.html 'Each article that reuses another is shown next to its origin \(2 of 2 shown\)'
expect_grep r.html '<div class="text"><mark class="verbatim" title="passage 1: verbatim"><sup class="pn">1</sup>The harbour bridge in Port Aldwyn was closed on Sunday'
expect_grep r.html '<mark class="spun" title="passage 1: spun"><sup class="pn">1</sup>The harbour bridge in Port Aldwyn was shut on Sunday'
# Story 3 has no reuse: the best-aligned pair, its shared quote marked.
expect_grep r.html 'No article reuses another; the best-aligned pair of the first 2 articles'
expect_lines r.html '&quot;<mark class="verbatim" title="passage 1: verbatim"><sup class="pn">1</sup>The paper boats will sail on Saturday if the wind stays calm over the harbour,&quot; said organiser Mira Castell</mark>' 2

# Deterministic.
run again report --no-progress -q news.jsonl -o r2.html
cmp -s r.html r2.html || fail "two runs differ"

# Options: detail only for stories of 3+ articles / the largest one; the
# list keeps every story. A text cap cuts the side-by-side texts.
run min3 report -q --min-articles 3 news.jsonl -o min3.html
expect_lines min3.html '<section class="story"' 1
expect_lines min3.html '^<tr><td class="n">[0-9]+</td><td>' 4
run max1 report -q --max-stories 1 news.jsonl -o max1.html
expect_lines max1.html '<section class="story" id="s1"' 1
expect_lines max1.html '<section class="story"' 1
expect_grep max1.html '3 with 2 or more articles &middot; 1 shown in detail'
run cap report -q --max-text 120 --max-pairs 1 news.jsonl -o cap.html
expect_status 0 "--max-text" cap
expect_lines cap.html 'first 120 bytes shown' 4
expect_grep cap.html 'Each text is cut at 120 bytes'
expect_grep cap.html '\(1 of 2 shown\)'
# Story 3's shared quote lies beyond the cut: no pair there.
expect_lines cap.html '<div class="pair">' 2
expect_grep cap.html 'They share no passage'
run stories_opts report -q -t 1 --sigma 3 news.jsonl -o one.html
expect_status 0 "story options" stories_opts
expect_grep one.html '9 stories &middot; 0 with 2 or more articles'

# Bytes that are not UTF-8, and control characters, come out as U+FFFD:
# the page is valid UTF-8 whatever the input.
# Each bad byte: a stray continuation, a truncated sequence, a surrogate,
# an overlong form, a code point above U+10FFFF; valid é and U+1F6A2 stay.
printf 'Title: Quay \xff\xfe repairs\n\nThe quay of Port Aldwyn \x01 will be repaired \xc3\x28 in July, the board said. The \xe2\x82 works start soon \xed\xa0\x80 and \xc0\xaf end \xf4\x90\x80\x80 late \xc3\xa9t\xc3\xa9 \xf0\x9f\x9a\xa2.\n' >bad.txt
run badutf report -q --min-articles 1 --min-support 1 bad.txt -o bad.html
expect_status 0 "invalid UTF-8" badutf
iconv -f UTF-8 -t UTF-8 bad.html >/dev/null 2>&1 || fail "report of invalid UTF-8 is not UTF-8"
R=$'\xef\xbf\xbd'
expect_grep bad.html "Quay $R$R repairs"
expect_grep bad.html "Port Aldwyn $R will be repaired $R\\( in July"
expect_grep bad.html "The $R$R works start soon $R$R$R and $R$R end $R$R$R$R late "$'\xc3\xa9t\xc3\xa9 \xf0\x9f\x9a\xa2\\.'

# A bad record is skipped, said in the page; --strict makes that exit 1.
{ cat news.jsonl; echo '{"id":"broken",'; } >mixed.jsonl
run mixed report --no-progress mixed.jsonl -o mixed.html
expect_status 0 "bad record skipped" mixed
expect_grep mixed.err 'mixed.jsonl:10'
expect_grep mixed.html '9 articles read \(1 record or input skipped\)'
run mixed_strict report --no-progress -q --strict mixed.jsonl -o strict.html
expect_status 1 "--strict" mixed_strict
[[ -s strict.html ]] || fail "--strict wrote no report"

# --db: the stories the store keeps (those concord stories --db lists).
run ingest ingest --db news.db --no-progress -q news.jsonl
expect_status 0 "ingest" ingest
run db report -q --db news.db -o db.html
expect_status 0 "--db" db
expect_grep db.html 'HARBOUR BRIDGE CLOSED AFTER CABLE SNAPS</a>'
expect_lines db.html '<section class="story"' 3
run dbls stories --db news.db
expect_status 0 "stories --db" dbls
# Every story of the store (its title, or its size when untitled) is in the report's list.
while IFS= read -r title; do
    t=${title//&/&amp;}; t=${t//</&lt;}; t=${t//>/&gt;}; t=${t//\"/&quot;}; t=${t//\'/&#39;}
    grep -qF -- "$t" db.html || fail "report --db lacks the store's story '$title'"
done < <(jq -r 'select(.type == "story" and .title != null) | .title' dbls.out)
# ... with the store's story ids and sizes, one row each.
[[ $(grep -c '^<tr><td class="n">' db.html) == $(jq -r 'select(.type == "story") | .id' dbls.out | wc -l) ]] ||
    fail "report --db: not one list row per story of the store"
while read -r sid size; do
    expect_grep db.html "^<tr><td class=\"n\">$sid</td><td>.*</td><td class=\"date\">[^<]*</td><td class=\"date\">[^<]*</td><td class=\"n\">$size</td>"
done < <(jq -r 'select(.type == "story") | "\(.id) \(.members | length)"' dbls.out)
run dbin report -q --db news.db -o x.html news.jsonl
expect_status 2 "--db with INPUT" dbin
expect_grep dbin.err 'no INPUT and no story option'
run dbopt report -q --db news.db -o x.html --sigma 3
expect_status 2 "--db with a story option" dbopt

# Usage errors: exit 2 with a clear message; never a partial report.
run noout report news.jsonl
expect_status 2 "no -o" noout
expect_grep noout.err 'missing -o FILE'
run noinput report -o x.html
expect_status 2 "no input" noinput
for bad in "--min-articles 0" "--max-stories x" "--max-text 1Q" "-t 2" "--sigma -1" \
    "--claim-threshold 0" "--format tsv" "--bogus"; do
    # shellcheck disable=SC2086
    run bad report $bad news.jsonl -o x.html
    expect_status 2 "report $bad" bad
    [[ -s bad.err ]] || fail "report $bad: no message"
done
[[ -e x.html ]] && fail "a usage error left x.html"
# An existing report survives a failed run, and no temporary file is left.
cp r.html keep.html
run unreadable report --no-progress nowhere.jsonl -o keep.html
expect_status 2 "unreadable input" unreadable
expect_grep unreadable.err 'no input could be read'
cmp -s r.html keep.html || fail "a failed run changed the existing report"
run nodir report -q news.jsonl -o missing-dir/r.html
expect_status 2 "output in a missing directory" nodir
expect_grep nodir.err 'missing-dir/r.html: cannot create the output'
mkdir adir
run isdir report -q news.jsonl -o adir
expect_status 2 "output is a directory" isdir
expect_grep isdir.err 'adir: is a directory'
leftovers=$(find . -name '.*.html.*')
[[ -z $leftovers ]] || fail "temporary files left: $leftovers"
# The report gets the usual file mode, not mkstemp's 0600.
[[ $(umask 022; "$CONCORD" report -q news.jsonl -o mode.html && stat -c %a mode.html) == 644 ]] ||
    fail "report mode is not 644 under umask 022"

run help report --help
expect_status 0 "--help" help
for word in --output --min-articles --max-stories --max-text --db --threshold --sigma; do
    expect_grep help.out -- "$word"
done
finish
