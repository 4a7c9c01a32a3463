#!/bin/sh
# searchd never writes the index (issue 9 item 5): after a session of
# every kind of request, good and bad, a SIGHUP and a clean stop, every
# file and directory of the index has the same content, size, mode, mtime
# and ctime, and there is no new file (no lock, no temporary).  And no
# path under /static/ reaches the file system.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }

# snapshot FILE: one line per entry under the index, sorted.
snapshot() {
    (cd "$db" && find . -printf '%p %y %s %m %T@ %C@\n' | sort &&
     find . -type f -exec sha256sum {} + | sort -k2) >"$1"
}
snapshot "$SCRATCH/before"
sleep 1.1       # so that a rewrite could not keep the same mtime second

start_searchd "$db" --threads 2 || { not_ok "start searchd"; exit 1; }
for p in '/search?q=Doha' '/search?q=Doha+talks&size=3&page=2' '/search?q=%22peace+talks%22' \
         '/search?q=(' '/search?q=' '/search?q=ta*' '/article?id=example-001' \
         '/article/example-001' '/article/none' '/similar/example-001' \
         '/timeline?q=Doha&interval=year' '/export?q=Doha&format=csv' \
         '/export?q=Doha&format=jsonl' '/suggest?prefix=Do' '/stats' '/metrics' \
         '/healthz' '/' '/static/app.js' '/nowhere'; do
    curl -s -m 10 -o /dev/null "$BASE$p"
    curl -s -m 10 -o /dev/null -H 'Accept-Encoding: gzip' "$BASE$p"
    curl -s -m 10 -o /dev/null -I "$BASE$p"
    curl -s -m 10 -o /dev/null -X POST "$BASE$p"
done
# Only the built-in files are served: no name reaches the file system.
for p in '/static/../../etc/passwd' '/static/..%2f..%2fetc%2fpasswd' '/static/%2e%2e/index/XAPIANDB' \
         '/static//etc/passwd' '/static/app.js/../../../etc/passwd' '/static/' '/static/index.html.bak' \
         '/index/XAPIANDB' '/../index/XAPIANDB'; do
    code=$(curl -s -m 10 --path-as-is -o "$SCRATCH/body" -w '%{http_code}' "$BASE$p")
    check_eq "$p is 404 not_found" "404 not_found" "$code $(jq -r .error.code "$SCRATCH/body" 2>/dev/null)"
done
kill -HUP "$SEARCHD_PID"
check_eq "the session was answered (healthz)" 200 "$(get /healthz >/dev/null; status)"
kill -TERM "$SEARCHD_PID"; wait "$SEARCHD_PID"
check_eq "searchd stopped cleanly" 0 $?
SEARCHD_PID=
snapshot "$SCRATCH/after"
check "no file or directory of the index changed, and none was added" \
    diff "$SCRATCH/before" "$SCRATCH/after"
done_testing
