#!/bin/sh
# khabar-searchd's start-up errors: each names what is wrong and exits with
# its documented status.
. "$(dirname "$0")/lib.sh"

"$SEARCHD" --db "$SCRATCH/none" --listen 127.0.0.1:0 >/dev/null 2>"$SCRATCH/err"
check_eq "a missing index exits 2" 2 $?
check "and names the directory" grep -q "$SCRATCH/none" "$SCRATCH/err"
"$SEARCHD" --listen 127.0.0.1:0 >/dev/null 2>"$SCRATCH/err"
check_eq "no --db is a usage error, exit 2" 2 $?
"$SEARCHD" --db "$SCRATCH/none" --listen nonsense >/dev/null 2>"$SCRATCH/err"
check_eq "a bad --listen is a usage error, exit 2" 2 $?
check "naming the option" grep -q -- "--listen" "$SCRATCH/err"

"$INDEX" --db "$SCRATCH/index" "$CORPUS" >/dev/null
start_searchd "$SCRATCH/index" || exit 1
port=${BASE##*:}
check "it binds loopback only" sh -c "case '$BASE' in http://127.0.0.1:*) exit 0;; *) exit 1;; esac"
"$SEARCHD" --db "$SCRATCH/index" --listen "127.0.0.1:$port" >/dev/null 2>"$SCRATCH/err2"
check_eq "a port already taken exits 5" 5 $?
kill -TERM "$SEARCHD_PID"
wait "$SEARCHD_PID"
check_eq "SIGTERM stops it cleanly, exit 0" 0 $?
SEARCHD_PID=
done_testing
