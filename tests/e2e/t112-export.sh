#!/bin/sh
# GET /export: every match, streamed as CSV (RFC 4180, guarded against
# formula injection) or JSON Lines, in rank or date order, gzipped on
# request; and each of its errors.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
# Fields that need quoting, and titles a spreadsheet would run as formulas.
printf '%s\n' \
    '{"id":"q1","title":"Talks, \"round two\"\nresume","body":"quoting test","date":"2021-01-01","source":"a,b"}' \
    '{"id":"f1","title":"=HYPERLINK(\"http://x\")","body":"quoting test formula","date":"2021-01-02"}' \
    '{"id":"f2","title":"+1 and -1","body":"quoting test formula","date":"2021-01-03"}' \
    '{"id":"f3","title":"@SUM(A1)","body":"quoting test formula"}' \
    '{"id":"f4","title":"-minus","body":"quoting test formula","date":"2020-06-01"}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index the quoting articles"; exit 1; }
# 2,500 articles: more than one batch of 1,000, and more than a page.
seq 1 2500 | awk '{printf "{\"id\":\"bulk-%d\",\"title\":\"Bulk article %d\",\"body\":\"bulkword text %d\",\"date\":\"2019-%02d-%02d\"}\n", $1, $1, $1, ($1 % 12) + 1, ($1 % 28) + 1}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index 2,500 articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

curl -s -D "$SCRATCH/h" -o "$SCRATCH/all.csv" "$BASE/export?q=bulkword&format=csv"
check "a CSV export answers 200 as text/csv, chunked, as an attachment" \
    sh -c "grep -q '^HTTP/1.1 200' '$SCRATCH/h' && grep -qi '^Content-Type: text/csv' '$SCRATCH/h' &&
           grep -qi '^Transfer-Encoding: chunked' '$SCRATCH/h' && grep -qi '^Content-Disposition: attachment' '$SCRATCH/h'"
check "it names the revision" grep -qi '^X-Khabar-Revision: [0-9]' "$SCRATCH/h"
check_eq "the header row comes first, CRLF-terminated" "$(printf 'id,title,url,date,source\r')" \
    "$(head -n 1 "$SCRATCH/all.csv")"
check_eq "every one of 2,500 matches is exported (no page cap)" 2501 "$(wc -l <"$SCRATCH/all.csv" | tr -d ' ')"
check_eq "as many as /search counts" "$(get '/search?q=bulkword' | jq .total)" \
    "$(($(wc -l <"$SCRATCH/all.csv") - 1))"
check_eq "each article once" 2500 "$(tail -n +2 "$SCRATCH/all.csv" | cut -d, -f1 | sort -u | wc -l | tr -d ' ')"

get '/export?q=Doha&format=jsonl' >"$SCRATCH/d.jsonl"
check_eq "JSON Lines: 200" 200 "$(status)"
check "every line is an object with id, title, url, date, source, in that order" \
    sh -c "jq -e -c 'keys_unsorted == [\"id\",\"title\",\"url\",\"date\",\"source\"]' '$SCRATCH/d.jsonl' | grep -qv true && exit 1 || exit 0"
check_eq "rank order is /search's order" \
    "$(get '/search?q=Doha&size=100' | jq -r '.hits[].id')" "$(jq -r .id "$SCRATCH/d.jsonl")"
get '/export?q=quoting+OR+Doha&format=jsonl&order=oldest' >"$SCRATCH/o.jsonl"
check "order=oldest: dates ascend, undated last" \
    sh -c "jq -r .date '$SCRATCH/o.jsonl' | awk 'BEGIN{u=0} \$0==\"\" {u=1; next} u {exit 1} \$0<p {exit 1} {p=\$0}'"
get '/export?q=quoting+OR+Doha&format=jsonl&order=newest' >"$SCRATCH/n.jsonl"
check "order=newest: dates descend, undated last" \
    sh -c "jq -r .date '$SCRATCH/n.jsonl' | awk 'BEGIN{u=0; p=\"9\"} \$0==\"\" {u=1; next} u {exit 1} \$0>p {exit 1} {p=\$0}'"
check_eq "both orders hold the same articles" \
    "$(jq -r .id "$SCRATCH/o.jsonl" | sort)" "$(jq -r .id "$SCRATCH/n.jsonl" | sort)"

get '/export?q=quoting&format=csv&order=oldest' >"$SCRATCH/q.csv"
check "a field with a comma, quotes and a newline is quoted, quotes doubled" \
    grep -qF 'q1,"Talks, ""round two""' "$SCRATCH/q.csv"
check "a source with a comma is quoted" grep -qF ',2021-01-01,"a,b"' "$SCRATCH/q.csv"
check "a title starting with = gets a leading quote (and CSV quoting)" \
    grep -qF "f1,\"'=HYPERLINK(\"\"http://x\"\")\",,2021-01-02," "$SCRATCH/q.csv"
check "so do titles starting with +, - and @" \
    sh -c "grep -qF \"f2,'+1 and -1,\" '$SCRATCH/q.csv' && grep -qF \"f3,'@SUM(A1),\" '$SCRATCH/q.csv' && grep -qF \"f4,'-minus,\" '$SCRATCH/q.csv'"

curl -s -D "$SCRATCH/h" -H 'Accept-Encoding: gzip' -o "$SCRATCH/all.csv.gz" "$BASE/export?q=bulkword&format=csv"
check "with Accept-Encoding: gzip the stream is gzipped" grep -qi '^Content-Encoding: gzip' "$SCRATCH/h"
check "and unzips to the plain export" cmp -s "$SCRATCH/all.csv" "$(gzip -dc "$SCRATCH/all.csv.gz" >"$SCRATCH/un.csv"; echo "$SCRATCH/un.csv")"
check "it is smaller" sh -c "[ \$(wc -c <'$SCRATCH/all.csv.gz') -lt \$(wc -c <'$SCRATCH/all.csv') ]"
get '/export?q=' >"$SCRATCH/empty.csv"
check_eq "an empty q exports the header only" "200 1" "$(status) $(wc -l <"$SCRATCH/empty.csv" | tr -d ' ')"
check_eq "format defaults to CSV" "$(printf 'id,title,url,date,source\r')" \
    "$(get '/export?q=Doha' | head -n 1)"

err() { get "$1" >"$SCRATCH/e.json"; echo "$(status) $(jq -r .error.code "$SCRATCH/e.json")"; }
check_eq "no q is 400 missing_parameter" "400 missing_parameter" "$(err '/export?format=csv')"
check_eq "format=xml is 400 bad_parameter" "400 bad_parameter" "$(err '/export?q=a&format=xml')"
check_eq "order=date is 400 bad_parameter" "400 bad_parameter" "$(err '/export?q=a&order=date')"
check_eq "a query that does not parse is 400 query_syntax" "400 query_syntax" "$(err '/export?q=%22a')"
check_eq "a q that is not UTF-8 is 400 bad_parameter" "400 bad_parameter" "$(err '/export?q=%ff')"
check_eq "a q with a NUL is 400 bad_parameter" "400 bad_parameter" "$(err '/export?q=a%00')"
check_eq "a q over 1,024 bytes is 400 bad_parameter" "400 bad_parameter" \
    "$(err "/export?q=$(head -c 1025 /dev/zero | tr '\0' a)")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/export?q=a")
check_eq "POST is 405" 405 "$code"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
