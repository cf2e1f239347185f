# Bad input: each problem is reported on stderr naming file and line, the
# rest is processed, nothing crashes or leaks, --strict turns skips into 1.
source "$(dirname "$0")/lib.sh"

good='The harbour bridge in Port Aldwyn will stay closed for at least six weeks after a cargo ship struck one of its main piers on Thursday, city engineers said on Friday.'
esc_good=$good
{
    printf '{"id":"g1","text":"%s"}\n' "$esc_good"
    printf '{"id":"broken","text": "unterminated\n'                       # line 2: malformed
    printf '{"id":"empty","text":""}\n'                                  # line 3: empty text
    printf '{"id":"nul","text":"a\0b"}\n'                                # line 4: raw NUL byte
    printf '{"id":"notext","title":"x"}\n'                               # line 5: no text field
    printf '{"id":"g2","text":"%s"}\n' "$esc_good"                       # line 6
    printf '{"id":"escnul","text":"%s \\u0000 tail"}\n' "$esc_good"      # line 7: \u0000 is fine
    printf '[1,2,3]\n'                                                   # line 8: not an object
} >bad.jsonl

run bad dedup --no-progress bad.jsonl
expect_status 0 "bad lines without --strict" bad
expect_grep bad.err 'bad.jsonl:2:'
expect_grep bad.err 'bad.jsonl:3:.*empty'
expect_grep bad.err 'bad.jsonl:4:'
expect_grep bad.err 'bad.jsonl:5:'
expect_grep bad.err 'bad.jsonl:8:'
expect_no_grep bad.err 'bad.jsonl:(1|6|7):'
expect_grep bad.err '3 articles read, 5 skipped'
expect_grep bad.out '"a":"g1","b":"g2","relation":"exact"'
expect_grep bad.out '"members":\["g1","g2","escnul"\]'
expect_clean bad.err

run strict dedup --strict --no-progress bad.jsonl
expect_status 1 "--strict with skipped lines" strict

# Invalid UTF-8 is repaired and counted, never fatal.
mkdir -p dir/sub
printf 'Title: One\n\n%s caf\xe9 \xff\xfe end\n' "$good" >dir/a.txt
printf '%s caf\xc3\xa9 end\n' "$good" >dir/sub/b.txt
printf '' >dir/empty.txt
mkdir dir/x.txt                       # a directory named like a text file
ln -s nowhere.txt dir/dangling.txt    # dangling symlink
ln -s self.txt dir/self.txt           # symlink to itself
ln -s .. dir/sub/loop                 # directory symlink loop
run dir dedup --no-progress dir
expect_status 0 "directory with bad entries" dir
expect_grep dir.err 'empty.txt'
expect_grep dir.err 'dangling.txt'
expect_grep dir.err 'self.txt'
expect_grep dir.err 'loop'
expect_grep dir.err 'invalid UTF-8 sequences repaired'
expect_grep dir.err '2 articles read'
expect_clean dir.err

# A 50 MB single line: skipped over the cap with a message naming the line,
# read in full under the default cap; the next line is read either way.
{
    printf '{"id":"big","text":"'
    head -c 50000000 /dev/zero | tr '\0' 'a'
    printf '"}\n'
    printf '{"id":"after","text":"%s"}\n' "$good"
    printf '{"id":"after2","text":"%s"}\n' "$good"
} >big.jsonl
run bigcap dedup --no-progress --max-record-bytes 1M big.jsonl
expect_status 0 "50 MB line over the cap" bigcap
expect_grep bigcap.err 'big.jsonl:1:'
expect_grep bigcap.out '"a":"after","b":"after2"'
expect_clean bigcap.err
run bigok dedup --no-progress big.jsonl
expect_status 0 "50 MB line under the default cap" bigok
expect_grep bigok.err '3 articles read, 0 skipped'
expect_clean bigok.err

# An input that is not readable at all, next to a good one: exit 0, message.
run mixed dedup --no-progress "$WORK/nope.jsonl" bad.jsonl
expect_status 0 "one unreadable input among good ones" mixed
expect_grep mixed.err 'nope.jsonl'
finish
