#!/bin/sh
# Connections and workers (docs/OPERATIONS.md, --threads): each connection
# is served by a thread of its own, and the index by --threads workers.
# So a request stuck on the index (here: a remote shard that hangs) holds
# up no other connection, even one opened before it; and however many
# connections search at once, no more than --threads index handles are
# opened (counted as xapian-tcpsrv's connections).  /metrics never waits
# for a handle: with every one stuck it answers at once, from the
# articles and revision it last read.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tcpsrv.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    skip "connections and workers" "xapian-tcpsrv or python3 is not installed (make deps installs both)"
    done_testing
    exit 0
fi

searchd_over_tcpsrv 60

# xapian-tcpsrv forks a process per connection: one per open handle.
handles() {
    ps -o stat= --ppid "$pid" | grep -cv '^Z'
}

# Six connections searching at once, twenty searches each.
burst=
for i in 1 2 3 4 5 6; do
    curl -s -o /dev/null -w '%{http_code}\n' \
        "$BASE/search?q=oil+OR+cocoa&page=[1-20]" >"$SCRATCH/burst.$i" &
    burst="$burst $!"
done
wait $burst
check_eq "six connections searching at once: every answer 200" 120 \
    "$(cat "$SCRATCH"/burst.* | grep -c '^200$')"
n=$(handles)
check "six connections, --threads 2: at most 2 handles opened (got $n)" \
    test "$n" -ge 1 -a "$n" -le 2

# What /metrics says of the index while it can be read.
get /metrics >"$SCRATCH/metrics"
articles=$(sed -n 's/^khabar_index_articles //p' "$SCRATCH/metrics")
revision=$(sed -n 's/^khabar_index_revision //p' "$SCRATCH/metrics")
check "/metrics counts the articles ($articles)" test "${articles:-0}" -gt 0

# A shard that hangs (the server and the processes serving searchd's
# handles stopped) holds the search sent to it until --remote-timeout.
# Five other connections, opened and used before it, must still be
# answered meanwhile: with a thread pool that keeps each connection on
# the thread that accepted it, those sharing the stuck one's thread wait.
# The page (/) needs no worker.
family="$pid $(ps -o pid= --ppid "$pid" | tr '\n' ' ')"
/usr/bin/env python3 - "$BASE" "$KHABAR_TIME_SCALE" $family >"$SCRATCH/stall.out" 2>&1 <<'EOF'
import os, select, signal, socket, sys, time
from urllib.parse import urlsplit

base = urlsplit(sys.argv[1])
scale = int(sys.argv[2])
family = [int(p) for p in sys.argv[3:]]

def send(sock, target):
    sock.sendall(("GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % target).encode())

def answer(sock, timeout):
    """The status of one answer read whole, or None if none came."""
    got = answer_body(sock, timeout)
    return got[0] if got else None

def answer_body(sock, timeout):
    """The status and body of one answer read whole, or None."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            body += chunk
        return int(head.split(b" ")[1]), body
    except socket.timeout:
        return None

conns = [socket.create_connection((base.hostname, base.port)) for _ in range(6)]
for c in conns:
    send(c, "/")
print("opened", sum(answer(c, 20) == 200 for c in conns))
def signal_all(sig):
    for p in family:
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass            # a process serving a closed connection, gone

try:
    signal_all(signal.SIGSTOP)
    send(conns[0], "/search?q=oil")
    time.sleep(1)       # for it to reach the stopped shard
    for c in conns[1:]:
        send(c, "/")
    print("answered", sum(answer(c, 20) == 200 for c in conns[1:]))
    ready, _, _ = select.select([conns[0]], [], [], 0)
    print("stuck search pending", "yes" if not ready else "no")
    # The second handle stuck too, and a third search waiting for one:
    # a scrape of /metrics must still answer, and say so.  The second
    # search must hold its handle before the first scrape (else the
    # scrape would take it and hang on the shard): a second, scaled for
    # slow builds; then scrapes (each answered at once) until the third
    # search is seen waiting, or a deadline.
    send(conns[1], "/search?q=cocoa")
    time.sleep(scale)
    send(conns[2], "/search?q=oil+cocoa")
    deadline = time.time() + 10 * scale
    while True:
        send(conns[3], "/metrics")
        got = answer_body(conns[3], 10 * scale)
        lines = [l for l in (got[1].decode().splitlines() if got else [])
                 if l.split(" ")[0] in ("khabar_workers_busy",
                                        "khabar_requests_waiting",
                                        "khabar_index_articles",
                                        "khabar_index_revision")]
        if (not got or "khabar_requests_waiting 1" in lines
                or time.time() > deadline):
            break
        time.sleep(0.1)
    print("metrics while stuck", got[0] if got else None)
    for line in lines:
        print(line)
finally:
    signal_all(signal.SIGCONT)
print("stuck search then", answer(conns[0], 90))
print("stuck searches after", answer(conns[1], 90), answer(conns[2], 90))
EOF
check_eq "six keep-alive connections opened" "opened 6" \
    "$(grep '^opened' "$SCRATCH/stall.out")"
check_eq "a search stuck on a hung shard: the five other connections answered" \
    "answered 5" "$(grep '^answered' "$SCRATCH/stall.out" || cat "$SCRATCH/stall.out")"
check_eq "... while the stuck search is still waiting" "stuck search pending yes" \
    "$(grep '^stuck search pending' "$SCRATCH/stall.out")"
check_eq "every handle held: /metrics still answers at once" \
    "metrics while stuck 200" "$(grep '^metrics while stuck' "$SCRATCH/stall.out")"
check_eq "... saying both workers are busy" "khabar_workers_busy 2" \
    "$(grep '^khabar_workers_busy' "$SCRATCH/stall.out")"
check_eq "... and a request waiting for one" "khabar_requests_waiting 1" \
    "$(grep '^khabar_requests_waiting' "$SCRATCH/stall.out")"
check_eq "... with the articles and revision last read" \
    "khabar_index_articles $articles khabar_index_revision $revision" \
    "$(grep '^khabar_index_' "$SCRATCH/stall.out" | tr '\n' ' ' | sed 's/ $//')"
check_eq "the shard going on: the stuck search is answered" \
    "stuck search then 200" "$(grep '^stuck search then' "$SCRATCH/stall.out")"
check_eq "... and so are the two after it" "stuck searches after 200 200" \
    "$(grep '^stuck searches after' "$SCRATCH/stall.out")"
get "/search?q=oil" >/dev/null
check_eq "after it, searches are answered as before" 200 "$(status)"

stop_searchd
stop_tcpsrv
done_testing
