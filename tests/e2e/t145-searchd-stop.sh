#!/bin/sh
# Stopping searchd while a shard hangs (docs/OPERATIONS.md, "Exit codes"
# and --threads): SIGTERM waits for the searches already running, which
# end at --remote-timeout, but not for the requests queued behind them.
# Before, each queued request took its turn and waited on the hung shard
# in its own right, so stopping took a --remote-timeout or two more per
# turn in the queue.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tcpsrv.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    skip "stopping searchd" "xapian-tcpsrv is not installed (make deps installs it)"
    done_testing
    exit 0
fi

searchd_over_tcpsrv 2
get "/search?q=oil" >/dev/null
check_eq "a search before the shard hangs" 200 "$(status)"

# The shard hangs: the server and the processes serving searchd's two
# handles stopped.  Two searches take both workers and wait on it; four
# more queue behind them.
kill -s STOP -- "-$pid"
clients=
for i in 1 2 3 4 5 6; do
    curl -s -o "$SCRATCH/answer.$i" -m 30 "$BASE/search?q=oil+$i" &
    clients="$clients $!"
done
sleep 0.5
t0=$(date +%s)
kill "$SEARCHD_PID"
# Should stopping hang, the test ends all the same.
( sleep $((30 * KHABAR_TIME_SCALE)); kill -9 "$SEARCHD_PID" ) 2>/dev/null &
guard=$!
wait "$SEARCHD_PID"
code=$?
kill "$guard" 2>/dev/null
elapsed=$(( $(date +%s) - t0 ))
SEARCHD_PID=
check_eq "SIGTERM: searchd exits 0" 0 "$code"
# The two running searches end after twice --remote-timeout (the reopen,
# then a fresh connection: 4 s); the queued turns would then each wait as
# long again on the shard (8 s in all).
check "... once the running searches end, not after every turn (${elapsed} s)" \
    test "$elapsed" -le $((6 * KHABAR_TIME_SCALE))
check "no answer was a 500" \
    sh -c "! grep -q ' 500 [0-9]* [0-9]*ms\$' '$SCRATCH/searchd.err'"
kill -s CONT -- "-$pid"
wait $clients
# An answer may lose the race with the server closing its connections;
# those that got out say why.
cat "$SCRATCH"/answer.* | jq -r .error.code >"$SCRATCH/codes" 2>/dev/null
check "every answer that got out is 503 stopping or the running searches' shard_unavailable" \
    sh -c "! grep -v -x -e stopping -e shard_unavailable '$SCRATCH/codes'"
stop_tcpsrv
done_testing
