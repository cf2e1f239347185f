# Input forms (stdin, .gz, .zst, custom JSON fields, both text headers) and
# output formats (jsonl, tsv).
source "$(dirname "$0")/lib.sh"

t1='Officials said the bridge would reopen in April after engineers finished a full inspection of the damaged pier and the steel deck above it.'
t2='A museum of maritime history opened its doors on Saturday with an exhibition of ship models, charts and photographs from the last two centuries.'
printf '{"key":"k1","body":"%s","headline":"A"}\n{"key":7,"body":"%s"}\n{"body":"%s"}\n' "$t1" "$t2" "$t1" >custom.jsonl

run custom dedup --no-progress --id-field key --text-field body custom.jsonl
expect_status 0 "custom fields" custom
expect_grep custom.out '"a":"k1","b":"custom.jsonl:3","relation":"exact"'
expect_no_grep custom.out '"7"'

gzip -c custom.jsonl >custom.jsonl.gz
zstd -q -c custom.jsonl >custom.jsonl.zst
for f in custom.jsonl.gz custom.jsonl.zst; do
    run comp dedup --no-progress --id-field key --text-field body "$f"
    expect_status 0 "compressed $f" comp
    expect_grep comp.out '"a":"k1","b":".*:3","relation":"exact"'
done

# stdin: JSON Lines when it starts with '{'
"$CONCORD" dedup --no-progress --id-field key --text-field body - <custom.jsonl >stdin.out 2>stdin.err
expect_grep stdin.out '"a":"k1"'

# Text files, both header forms; ids are paths relative to the argument.
mkdir -p txt/b
printf 'Title: Bridge to reopen\nDate: March 14, 2025\nSource: Wire\n\n%s\n' "$t1" >txt/a.txt
printf 'Bridge to reopen\n20250315\nhttps://news.example/bridge\n%s\n' "$t1" >txt/b/c.txt
run txt dedup --no-progress txt
expect_status 0 "text directory" txt
expect_grep txt.out '"a":"a.txt","b":"b/c.txt","relation":"exact"'

run tsv dedup --no-progress --format tsv txt
expect_status 0 "tsv" tsv
expect_grep tsv.out $'^pair\ta.txt\tb/c.txt\texact\t1.0000\t1.0000\t1.0000$'
expect_grep tsv.out $'^group\t1\ta.txt\tb/c.txt$'

# Two inputs in one run: pairs across them.
run two dedup --no-progress --id-field key --text-field body txt custom.jsonl
expect_grep two.out '"a":"a.txt","b":"k1"'
finish
