# concord report in a real browser: headless Chromium loads the page and
# dumps the DOM it built, and takes a screenshot. Checks what the browser
# made of the page, not the bytes we wrote: no <script> or <img> element
# came out of the injected markup, which shows as text; the story titles, a
# claim with its support count, a quote and a <mark>ed shared passage are
# there; the page renders (a screenshot well larger than a blank page's).
# Skipped (77) without chromium (scripts/install-deps.sh installs it).
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/cli/report_corpus.bash"

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "SKIP: no chromium or chromium-browser on PATH (Debian: apt-get install chromium," \
         "or scripts/install-deps.sh)" >&2
    exit 77
fi
command -v timeout >/dev/null || { echo "SKIP: no timeout command" >&2; exit 77; }

write_report_corpus news.jsonl
run report report -q --min-support 1 news.jsonl -o report.html
expect_status 0 "report" report

# chromium PAGE ARGS...: a throw-away profile, no sandbox (containers), no GPU.
chromium_run() {
    local page=$1; shift
    HOME=$WORK timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$WORK/profile" "$@" "file://$WORK/$page" 2>>chromium.err
}
chromium_run report.html --dump-dom >dom.html
[[ -s dom.html ]] || fail "chromium dumped no DOM (exit $?): $(tail -c 400 chromium.err)"
# The DOM as the browser serialises it: elements are tags, text is escaped.
grep -oE '<[^>]*>' dom.html >tags.txt
expect_no_grep tags.txt '^<(script|img)'
expect_no_grep dom.html '<script|<img'
expect_grep tags.txt '^<mark class="verbatim"'
expect_grep dom.html '&lt;script&gt;alert\(1\)&lt;/script&gt;'
expect_grep dom.html '"&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp;amp; the cable'
for title in 'HARBOUR BRIDGE CLOSED AFTER CABLE SNAPS' 'ESTMARK CENTRAL BANK RAISES INTEREST RATES' \
    'Lantern festival returns to the old town' 'Young champion wins the Estmark chess open'; do
    expect_grep dom.html "<a href=\"#s[0-9]+\">$title</a>|<td>$title</td>"
done
# A claim with its support count (the browser keeps the cells together).
expect_grep dom.html '<td class="n support" title="independent sources">2</td><td>"We will not reopen the bridge until every cable has been inspected and certified," said transport minister Ilya Varenko\.</td>'
# A quote with its speaker.
expect_grep dom.html '<q>Prices are rising faster than wages, and we must act before the autumn</q></td><td>Orla Venn</td>'
# A shared passage marked on both sides of the festival pair.
[[ $(grep -o '<sup class="pn">1</sup>The paper boats will sail on Saturday' dom.html | wc -l) -eq 2 ]] ||
    fail "the festival quote is not marked on both sides"

# The page renders: its screenshot carries far more than a blank page's.
printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>\n' >blank.html
chromium_run report.html --screenshot="$WORK/report.png" --window-size=1200,1600 >/dev/null
chromium_run blank.html --screenshot="$WORK/blank.png" --window-size=1200,1600 >/dev/null
if [[ -s report.png && -s blank.png ]]; then
    [[ $(head -c 8 report.png | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "report.png is not a PNG"
    r=$(stat -c %s report.png) b=$(stat -c %s blank.png)
    ((r > 4 * b && r > 20000)) || fail "the report renders blank? screenshot $r bytes, blank page $b"
else
    fail "chromium took no screenshot: $(tail -c 400 chromium.err)"
fi
expect_clean report.err
finish
