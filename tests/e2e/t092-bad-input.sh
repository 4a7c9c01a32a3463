#!/bin/sh
# Bad input never loses what is good: a truncated gzip file, a binary
# file, an empty file, a 50 MB article, an article with no text, a page in
# an unknown encoding.  Each gets one message naming the file (and line or
# offset) and its reason, exit 1, a line in --rejects, and every other
# article is indexed.
. "$(dirname "$0")/lib.sh"

d="$SCRATCH/in"; mkdir -p "$d"
good() { printf '{"id":"%s","title":"Good article %s","body":"A body that is fine."}\n' "$1" "$1"; }
# A gzip file cut in the middle: the lines before the cut are indexed.
for i in $(seq 1 2000); do good "gz-$i"; done | gzip -c >"$SCRATCH/full.jsonl.gz"
size=$(wc -c <"$SCRATCH/full.jsonl.gz" | tr -d ' ')
head -c $((size / 2)) "$SCRATCH/full.jsonl.gz" >"$d/a-truncated.jsonl.gz"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001' >"$d/b-binary.txt"
: >"$d/c-empty.jsonl"
{ good big-1; printf '{"id":"big-2","title":"Huge","body":"'; head -c 52428800 /dev/zero | tr '\0' 'a'; printf '"}\n'; good big-3; } >"$d/d-big.jsonl"
{ good notext-1; printf '{"id":"notext-2","title":"  ","body":" \\n "}\n'; good notext-3; } >"$d/e-notext.jsonl"
printf '<html><head><meta charset="x-klingon"><title>Unknown charset</title></head><body><p>Text of the page in a charset nobody knows.</p></body></html>' >"$d/f-unknown.html"
printf 'Caf\351 owners protest new \223rules\224\n\nThe caf\351 owners of the old town said the rules were unfair.\n' >"$d/g-cp1252.txt"

"$INDEX" --db "$SCRATCH/index" --rejects "$SCRATCH/rejects" "$d" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "exit 1: some input rejected" 1 $?
indexed=$(sed -n 's/^khabar-index: \([0-9]*\) added.*/\1/p' "$SCRATCH/out")
check_eq "six rejected, nothing else lost" "6 rejected" "$(grep -o '[0-9]* rejected' "$SCRATCH/out")"
check "a truncated gzip file: one error with its byte offset" \
    grep -q "^khabar-index: $d/a-truncated.jsonl.gz: offset [0-9]*: truncated gzip data (unexpected end of file) after byte [0-9]* of the decompressed input" "$SCRATCH/err"
check_eq "a truncated gzip file: one message" 1 "$(grep -c 'a-truncated' "$SCRATCH/err")"
check "a binary file is rejected as not text" \
    grep -q "^khabar-index: $d/b-binary.txt: binary data, not text (NUL byte at offset 8)" "$SCRATCH/err"
check "an empty file gets a clear message" \
    grep -q "^khabar-index: $d/c-empty.jsonl: empty file: no article in it" "$SCRATCH/err"
check "a 50 MB article is rejected at the size limit, with its line" \
    grep -q "^khabar-index: $d/d-big.jsonl:2: line of 52428839 bytes is longer than the limit of 10485760 (--max-article-bytes)" "$SCRATCH/err"
check "an article with no text is rejected with its line" \
    grep -q "^khabar-index: $d/e-notext.jsonl:2: article has no text" "$SCRATCH/err"
check "a page in an unknown encoding is rejected naming it" \
    grep -q "^khabar-index: $d/f-unknown.html: unknown character encoding 'x-klingon'" "$SCRATCH/err"
check_eq "exactly six error lines" 6 "$(grep -c . "$SCRATCH/err")"
start_searchd "$SCRATCH/index" || exit 1
documents=$(get /healthz | jq .documents)
check_eq "the index holds every good article" "$indexed" "$documents"
check "the lines before the gzip cut are indexed (over 500 of them)" test "$indexed" -gt 505
check_eq "the articles around the bad lines are indexed" "200 200 200 200" \
    "$(for id in big-1 big-3 notext-1 notext-3; do get "/article?id=$id" >/dev/null; echo "$(status)"; done | tr '\n' ' ' | sed 's/ $//')"
check_eq "a Windows-1252 text page is decoded, not replaced with U+FFFD" \
    "Café owners protest new “rules”" \
    "$(get '/search?q=owners+protest' | jq -r '.hits[0].title')"
stop_searchd
check_eq "--rejects: one JSON line per rejected record" 6 "$(grep -c . "$SCRATCH/rejects")"
check_eq "--rejects keeps a rejected JSON line verbatim with its line number" \
    '2 {"id":"notext-2","title":"  ","body":" \n "}' \
    "$(jq -r 'select(.file | endswith("e-notext.jsonl")) | "\(.line) \(.record)"' "$SCRATCH/rejects")"
check_eq "--rejects gives binary records in base64 and oversized ones by size" \
    "true 52428839" \
    "$(jq -rs '"\(map(select(.file | endswith("b-binary.txt")))[0].record_base64 != null) \(map(select(.file | endswith("d-big.jsonl")))[0].bytes)"' "$SCRATCH/rejects")"
done_testing
