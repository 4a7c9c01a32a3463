#!/bin/sh
# WARC archives: HTML responses become articles (URL from WARC-Target-URI,
# date from WARC-Date when the page has none); every other record is
# skipped and counted; chunked and gzipped payloads are decoded; a record
# whose Content-Length lies costs only itself.
. "$(dirname "$0")/lib.sh"

# record TYPE URI BLOCKFILE [LENGTH]: one WARC record on standard output,
# its Content-Length the block's size unless LENGTH says otherwise.
record() {
    len=${4:-$(wc -c <"$3" | tr -d ' ')}
    printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n' "$1" "$2"
    printf 'WARC-Date: 2021-03-05T09:30:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$(echo "$2$1" | md5sum | cut -c1-32)"
    printf 'Content-Type: application/http; msgtype=%s\r\nContent-Length: %s\r\n\r\n' "$1" "$len"
    cat "$3"
    printf '\r\n\r\n'
}
page() {   # page TITLE: a small article page without a date of its own
    printf '<html lang="en"><head><title>%s</title></head><body><article>' "$1"
    printf '<p>%s: the first paragraph of the story, long enough to keep.</p>' "$1"
    printf '<p>A second paragraph says more about %s.</p></article></body></html>' "$1"
}
w="$SCRATCH/w"; mkdir -p "$w"
page "Envoys meet in Doha" >"$w/p1"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat "$w/p1"; } >"$w/r1"
# The second response is gzipped and chunked, as servers send it.
page "Talks resume in Kabul" | gzip -c >"$w/p2.gz"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
  printf '%x\r\n' "$(wc -c <"$w/p2.gz")"; cat "$w/p2.gz"; printf '\r\n0\r\n\r\n'; } >"$w/r2"
printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\211PNG\r\n\032\n\0\0\0' >"$w/png"
printf 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Not found</p>' >"$w/404"
printf 'GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n' >"$w/req"
printf 'software: test\r\nformat: WARC File Format 1.1\r\n' >"$w/info"
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx' >"$w/br"

{ record warcinfo "" "$w/info"
  record request https://news.example.org/doha "$w/req"
  record response https://news.example.org/doha "$w/r1"
  record response https://news.example.org/logo.png "$w/png"
  record response https://news.example.org/missing "$w/404"
  record response https://news.example.org/kabul "$w/r2"
  record metadata https://news.example.org/kabul "$w/info"; } >"$SCRATCH/a.warc"

"$INDEX" --extract "$SCRATCH/a.warc" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "a WARC file extracts with exit 0" 0 $?
check_eq "two HTML responses become articles" 2 "$(grep -c . "$SCRATCH/out")"
check "the other five records are skipped, not rejected" \
    grep -q "^khabar-index: 2 extracted, 5 skipped, 0 rejected" "$SCRATCH/err"
check_eq "URL and id come from WARC-Target-URI" "https://news.example.org/doha" \
    "$(jq -r 'select(.title == "Envoys meet in Doha") | .url + " " + .id' "$SCRATCH/out" | cut -d' ' -f1)"
check_eq "a page without a date gets WARC-Date" "2021-03-05T09:30:00Z" \
    "$(jq -r 'select(.title == "Envoys meet in Doha") | .date' "$SCRATCH/out")"
check "a chunked, gzipped payload is decoded" \
    jq -e 'select(.url == "https://news.example.org/kabul") | .body | startswith("Talks resume in Kabul: the first")' "$SCRATCH/out"

# gzip per record, concatenated: what crawlers write as .warc.gz.
for r in "$w/info:warcinfo" "$w/r1:response" "$w/r2:response"; do
    record "${r##*:}" "https://news.example.org/${r%%:*}" "${r%%:*}" | gzip -c
done >"$SCRATCH/b.warc.gz"
mkdir "$SCRATCH/dir" && cp "$SCRATCH/b.warc.gz" "$SCRATCH/dir/"
"$INDEX" --db "$SCRATCH/index" "$SCRATCH/dir" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "a directory with a per-record gzipped .warc.gz indexes with exit 0" 0 $?
check "its two responses are added, the warcinfo skipped" \
    grep -q "^khabar-index: 2 added, 0 updated, 0 unchanged, 0 deleted, 1 skipped, 0 rejected" "$SCRATCH/out"

# A Content-Length that lies: the record is rejected at its offset and the
# next record is found by its version line.
{ record response https://news.example.org/doha "$w/r1"
  record response https://news.example.org/liar "$w/r1" 99999
  record response https://news.example.org/kabul "$w/r2"
  record response https://news.example.org/brotli "$w/br"; } >"$SCRATCH/c.warc"
offset=$( (record response https://news.example.org/doha "$w/r1") | wc -c | tr -d ' ')
"$INDEX" --extract --rejects "$SCRATCH/rejects" "$SCRATCH/c.warc" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "a lying Content-Length exits 1" 1 $?
check "it is reported with file and byte offset of its record" \
    grep -q "^khabar-index: $SCRATCH/c.warc: offset $offset: WARC Content-Length 99999 does not end the record" "$SCRATCH/err"
check "an unsupported Content-Encoding is a clear rejection" \
    grep -q "^khabar-index: $SCRATCH/c.warc: offset [0-9]*: unsupported Content-Encoding 'br'" "$SCRATCH/err"
check_eq "the records around them are still read" \
    "https://news.example.org/doha https://news.example.org/kabul" "$(jq -r .url "$SCRATCH/out" | tr '\n' ' ' | sed 's/ $//')"
check_eq "--rejects holds both records with offsets and reasons" "$offset true 2" \
    "$(jq -rs '"\(.[0].offset) \(.[0].record | startswith("WARC/1.1\r\nWARC-Type: response")) \(length)"' "$SCRATCH/rejects")"
check_eq "exactly two error lines" 2 "$(grep -c '^khabar-index: .*offset' "$SCRATCH/err")"
done_testing
