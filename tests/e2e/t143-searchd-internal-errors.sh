#!/bin/sh
# No internal detail in answers (issue 9 item 5): the index deleted, then
# replaced by a stub naming a missing generation, under a running searchd.
# Every route answers 500 "internal error" (503 "unavailable" for
# /healthz), with no path, no Xapian text and no stack; the detail goes to
# standard error; and searchd serves again once the index is back.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
cp -a "$db" "$SCRATCH/backup"
start_searchd "$db" --threads 2 || { not_ok "start searchd"; exit 1; }
# Both workers hold an open handle before the index goes.
for _ in 1 2 3 4 5 6; do curl -s -m 10 -o /dev/null "$BASE/search?q=Doha"; done

internal='{"error":{"code":"internal","message":"internal error"}}'
unavailable='{"error":{"code":"unavailable","message":"the index cannot be read"}}'

# every_route LABEL SECRET: each route answers only the generic error, and
# no body holds SECRET (a path or name searchd's stderr does show).
every_route() {
    for p in '/search?q=Doha' '/article?id=example-001' '/article/example-001' \
             '/similar/example-001' '/timeline?q=Doha' '/export?q=Doha&format=jsonl' \
             '/suggest?prefix=Do' /stats; do
        code=$(curl -s -m 10 -o "$SCRATCH/body" -w '%{http_code}' "$BASE$p")
        check_eq "$1: $p is the bare 500" "500 $internal" "$code $(cat "$SCRATCH/body")"
    done
    code=$(curl -s -m 10 -o "$SCRATCH/body" -w '%{http_code}' "$BASE/healthz")
    check_eq "$1: /healthz is the bare 503" "503 $unavailable" "$code $(cat "$SCRATCH/body")"
    curl -s -m 10 -H 'Accept-Encoding: identity' "$BASE/metrics" >"$SCRATCH/metrics"
    check "$1: /metrics still answers, with no path or error text" \
        sh -c "grep -q '^khabar_index_articles 0' '$SCRATCH/metrics' &&
               ! grep -q -e '$2' -e Xapian -e Error -e '$SCRATCH' '$SCRATCH/metrics'"
    check "$1: standard error has the detail for the operator" grep -q "$2" "$SCRATCH/searchd.err"
}

rm -rf "$db"
every_route "the index deleted" "DatabaseNotFoundError"

# A stub naming a generation that is not there: Xapian's message names the
# path it tried.
mkdir "$db"
echo 'glass gen-secret-k7z' >"$db/XAPIANDB"
every_route "a stub naming a missing generation" "gen-secret-k7z"

rm -rf "$db"
cp -a "$SCRATCH/backup" "$db"
code=$(curl -s -m 10 -o "$SCRATCH/body" -w '%{http_code}' "$BASE/search?q=Doha")
check_eq "once the index is back, searchd serves it again without a restart" "200 true" \
    "$code $(jq '.total > 0' "$SCRATCH/body")"
check "no line on standard error is a crash or a backtrace" \
    sh -c "! grep -q -i -e 'terminate called' -e 'Aborted' -e 'backtrace' -e 'Segmentation' '$SCRATCH/searchd.err'"
check "searchd is still running" kill -0 "$SEARCHD_PID"
done_testing
