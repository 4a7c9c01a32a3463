# tcpsrv.sh - sourced, after lib.sh, by the scripts that serve an index
# with xapian-tcpsrv (Debian xapian-tools): start_tcpsrv and stop_tcpsrv,
# and an EXIT trap that stops every server started.

TCPSRV_PIDS=
# The servers run in sessions of their own: xapian-tcpsrv answers SIGTERM
# by signalling its whole process group, which would otherwise be ours.
# A test may have stopped them (SIGSTOP), which would keep the SIGTERM
# pending for ever: each group gets SIGCONT first.
stop_tcpsrv() {
    for tcpsrv_pid in $TCPSRV_PIDS; do
        kill -s CONT -- "-$tcpsrv_pid" 2>/dev/null
        kill "$tcpsrv_pid" 2>/dev/null
    done
    TCPSRV_PIDS=
}
trap 'stop_tcpsrv; cleanup' EXIT

# start_tcpsrv DB: serves DB on a free port of 127.0.0.1, setting PORT and
# pid.  xapian-tcpsrv cannot take port 0, so a port is picked at random
# and another one tried when it is taken.
TCPSRV_TRIES=0
start_tcpsrv() {
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        TCPSRV_TRIES=$((TCPSRV_TRIES + 1))
        PORT=$(awk -v s="$$$TCPSRV_TRIES" 'BEGIN { srand(s); print 20000 + int(rand() * 40000) }')
        # A log of its own per try: another try's "Listening" must not
        # count for this one.
        log="$SCRATCH/tcpsrv-$TCPSRV_TRIES.log"
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$PORT" "$1" \
            >"$log" 2>&1 &
        pid=$!
        for _ in $(seq 1 $((100 * KHABAR_TIME_SCALE))); do
            if grep -q '^Listening' "$log" 2>/dev/null; then
                TCPSRV_PIDS="$TCPSRV_PIDS $pid"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$pid" 2>/dev/null
    done
    echo "# xapian-tcpsrv did not start:"; sed 's/^/#   /' "$log"
    return 1
}

# searchd_over_tcpsrv REMOTE_TIMEOUT: the commodity articles (lib.sh)
# indexed, served by xapian-tcpsrv, and searchd (--threads 2) reading
# them through it, as a remote shard; PORT, pid (the server's) and BASE
# set.  Exits the test when either cannot start.
searchd_over_tcpsrv() {
    commodity_articles "$SCRATCH/articles.jsonl"
    "$INDEX" --quiet --db "$SCRATCH/db" "$SCRATCH/articles.jsonl" 2>/dev/null
    start_tcpsrv "$SCRATCH/db" || { not_ok "start xapian-tcpsrv"; exit 1; }
    start_searchd "tcp://127.0.0.1:$PORT" --threads 2 --remote-timeout "$1" ||
        { not_ok "start searchd"; exit 1; }
}
