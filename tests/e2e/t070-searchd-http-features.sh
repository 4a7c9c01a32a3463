#!/bin/sh
# khabar-searchd's HTTP features: the access log (to standard error and to
# --log FILE, reopened on SIGHUP), gzip, ETag and 304, CORS, and --threads.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
# An access-log line: time, method, target, status, bytes, milliseconds.
line_re='^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z [^ ]\+ [^ ]\+ [0-9-]\+ [0-9-]\+ [0-9]\+ms$'

# restart ARGS...: starts a new searchd.  start_searchd reads the port from
# searchd.out, so the last searchd's file must go first.
restart() { rm -f "$SCRATCH/searchd.out"; start_searchd "$db" "$@"; }

# --- access log on standard error ---------------------------------------
start_searchd "$db" --threads 2 || { not_ok "start searchd"; exit 1; }
get '/search?q=Doha+talks&size=2' >/dev/null
get '/healthz' >/dev/null
curl -s -o /dev/null "$BASE/search?q=%1b%5b31m%0d%0aforged+line%22%5c"
# Raw bytes in the request line (curl would encode them): ESC, '"', '\',
# a byte that is not UTF-8 and a control character.
port=${BASE##*:}
bash -c "exec 3<>/dev/tcp/127.0.0.1/$port
    printf 'GET /search?q=\\033[31m\\042\\134\\377\\001 HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' >&3
    cat <&3 >/dev/null"
curl -s -o /dev/null "$BASE/search?q=$(head -c 2000 /dev/zero | tr '\0' a)"
sleep 0.2
err="$SCRATCH/searchd.err"
check "every request gets one access-log line on standard error" \
    sh -c "[ \$(grep -c '$line_re' '$err') -eq 5 ] && [ \$(wc -l <'$err') -eq 5 ]"
check "the line names method, target, status, bytes and milliseconds" \
    grep -q 'Z GET /search?q=Doha+talks&size=2 200 [0-9]\+ [0-9]\+ms$' "$err"
check "a percent-encoded target is logged as sent, still encoded" \
    grep -q ' GET /search?q=%1b%5b31m%0d%0aforged+line%22%5c 400 ' "$err"
check "raw bytes in the target are written as \\xHH" \
    grep -qF ' GET /search?q=\x1b[31m\x22\x5c\xff\x01 400 ' "$err"
ctl=$(printf '[\001-\010\016-\037\177\200-\377"]')
check "raw bytes from the request never reach the log" \
    sh -c "! LC_ALL=C grep -q '$ctl' '$err'"
check "a long target is cut at 256 bytes and marked" \
    grep -q "GET /search?q=a\{246\}\.\.\. 400 " "$err"
stop_searchd

# --- gzip, ETag, CORS ----------------------------------------------------
restart --threads 1 --cors https://news.example.org ||
    { not_ok "start searchd with --cors"; exit 1; }
url="$BASE/search?q=Doha+talks"
curl -s -D "$SCRATCH/h" -H 'Accept-Encoding: gzip' -o "$SCRATCH/gz" "$url"
check "a large answer is gzipped when the client accepts it" \
    grep -qi '^Content-Encoding: gzip' "$SCRATCH/h"
check "and says Vary: Accept-Encoding" grep -qi '^Vary: Accept-Encoding' "$SCRATCH/h"
check_eq "the gzipped body is the plain body" \
    "$(curl -s "$url" | jq -S .)" "$(gzip -dc "$SCRATCH/gz" | jq -S .)"
curl -s -D "$SCRATCH/h" -o /dev/null "$url"
check "without Accept-Encoding nothing is gzipped" \
    sh -c "! grep -qi '^Content-Encoding' '$SCRATCH/h'"
curl -s -D "$SCRATCH/h" -H 'Accept-Encoding: gzip;q=0, *' -o /dev/null "$url"
check "gzip;q=0 refuses gzip" sh -c "! grep -qi '^Content-Encoding' '$SCRATCH/h'"
curl -s -D "$SCRATCH/h" -H 'Accept-Encoding: gzip' -o /dev/null "$BASE/healthz"
check "a tiny answer is not gzipped" sh -c "! grep -qi '^Content-Encoding' '$SCRATCH/h'"
check "CORS: Access-Control-Allow-Origin names the --cors origin" \
    grep -qi '^Access-Control-Allow-Origin: https://news.example.org' "$SCRATCH/h"

curl -s -D "$SCRATCH/h" -o /dev/null "$url"
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$SCRATCH/h")
check "a search carries a weak ETag" sh -c "case '$etag' in W/\\\"r*) exit 0;; *) exit 1;; esac"
: >"$SCRATCH/b"
code=$(curl -s -o "$SCRATCH/b" -w '%{http_code}' -H "If-None-Match: $etag" "$url")
check_eq "If-None-Match with that ETag gets 304 and no body" "304 0" \
    "$code $(wc -c <"$SCRATCH/b" | tr -d ' ')"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url&size=3")
check_eq "another query string does not match the ETag" 200 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: W/"r0-0000000000000000"' "$url")
check_eq "a stale ETag gets the full answer" 200 "$code"
printf '{"id":"t070-new","title":"A new Doha talks article","body":"Doha talks resumed."}\n' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
check_eq "after a commit the old ETag no longer matches" 200 "$code"
stop_searchd

restart || { not_ok "start searchd"; exit 1; }
curl -s -D "$SCRATCH/h" -o /dev/null "$BASE/healthz"
check "without --cors there is no CORS header" \
    sh -c "! grep -qi '^Access-Control' '$SCRATCH/h'"
stop_searchd
"$SEARCHD" --db "$db" --cors 'https://x.org
Set-Cookie: a=b' >/dev/null 2>&1
check_eq "an --cors origin with a newline is a usage error" 2 $?
"$SEARCHD" --db "$db" --threads 0 >/dev/null 2>&1
check_eq "--threads 0 is a usage error" 2 $?

# --- --log FILE and SIGHUP -----------------------------------------------
log="$SCRATCH/access.log"
restart --log "$log" || { not_ok "start searchd --log"; exit 1; }
get '/healthz' >/dev/null
sleep 0.2
check "--log FILE receives the access log" grep -q ' GET /healthz 200 ' "$log"
check "and standard error stays empty" sh -c "[ ! -s '$SCRATCH/searchd.err' ]"
mv "$log" "$log.1"
kill -HUP "$SEARCHD_PID"
sleep 1.2
get '/healthz?after=hup' >/dev/null
sleep 0.2
check "SIGHUP reopens --log FILE after rotation" grep -q 'healthz?after=hup' "$log"
check "the rotated file keeps the old lines only" \
    sh -c "! grep -q 'after=hup' '$log.1'"
check_eq "searchd still answers after SIGHUP" 200 "$(status)"
stop_searchd
done_testing
