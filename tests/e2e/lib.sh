# lib.sh - what every end-to-end script sources: a scratch directory, the
# programs under test, searchd on port 0, and TAP result lines.
#
# The scripts run under plain sh with KHABAR_BUILD (the build directory) and
# KHABAR_TOP (the source tree) set by tests/run.sh.  KHABAR_INDEX and
# KHABAR_SEARCHD, when set, name other programs to run in their place (the
# wrappers of tests/valgrind/run.sh), and KHABAR_TIME_SCALE multiplies the
# time searchd is given to start (default 1; valgrind makes it 20).
set -u
: "${KHABAR_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${KHABAR_BUILD:=$KHABAR_TOP/build}"
: "${KHABAR_TIME_SCALE:=1}"
INDEX="${KHABAR_INDEX:-$KHABAR_BUILD/khabar-index}"
SEARCHD="${KHABAR_SEARCHD:-$KHABAR_BUILD/khabar-searchd}"
CORPUS="$KHABAR_TOP/corpus"
SHARED="$KHABAR_TOP/../shared"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/khabar-e2e.XXXXXX")
SEARCHD_PID=
test_count=0

cleanup() {
    if [ -n "$SEARCHD_PID" ]; then
        kill "$SEARCHD_PID" 2>/dev/null
        wait "$SEARCHD_PID" 2>/dev/null
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { test_count=$((test_count + 1)); echo "ok $test_count - $1"; }
not_ok() {
    test_count=$((test_count + 1)); echo "not ok $test_count - $1"
    [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
    return 0
}
skip() { test_count=$((test_count + 1)); echo "ok $test_count - $1 # SKIP $2"; }

# check NAME COMMAND...: passes when COMMAND succeeds; shows its output
# when it does not.
check() {
    name=$1; shift
    if output=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$output"; fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"
    else not_ok "$1" "expected: $2
actual:   $3"; fi
}

# start_searchd DB [ARGS...]: starts searchd on a free port and sets BASE.
start_searchd() {
    db=$1; shift
    # A fresh file, so that a restart cannot read the last run's port.
    rm -f "$SCRATCH/searchd.out"
    "$SEARCHD" --db "$db" --listen 127.0.0.1:0 "$@" >"$SCRATCH/searchd.out" \
        2>"$SCRATCH/searchd.err" &
    SEARCHD_PID=$!
    BASE=
    # 5 s (times KHABAR_TIME_SCALE) in steps of 0.05 s.
    for _ in $(seq 1 $((100 * KHABAR_TIME_SCALE))); do
        line=$(grep -m1 'listening on' "$SCRATCH/searchd.out" 2>/dev/null)
        if [ -n "$line" ]; then
            BASE=$(printf '%s\n' "$line" | sed 's|.*listening on \(http://[^/]*\).*|\1|')
            return 0
        fi
        kill -0 "$SEARCHD_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "# searchd did not start:"; sed 's/^/#   /' "$SCRATCH/searchd.err"
    return 1
}

stop_searchd() {
    kill "$SEARCHD_PID" 2>/dev/null
    wait "$SEARCHD_PID" 2>/dev/null
    SEARCHD_PID=
}

# get PATH_AND_QUERY: the body of a GET to searchd, with the HTTP status in
# $SCRATCH/status.
get() {
    curl -s -o "$SCRATCH/body" -w '%{http_code}' "$BASE$1" >"$SCRATCH/status"
    cat "$SCRATCH/body"
}
status() { cat "$SCRATCH/status"; }

# commodity_articles FILE [UNIQUE]: 400 JSON Lines articles over a small
# vocabulary (so that searches match many), with an article repeated
# unchanged (g5), one repeated changed (g7) and two rejects (bad1, bad2);
# with UNIQUE 1, each body also holds a word of its own (wordN).
commodity_articles() {
    awk -v unique="${2:-0}" 'BEGIN {
    split("cocoa coffee grain oil bank rates dollar yen tonnes harvest " \
          "exports shares profit loss strike port rains drought", w, " ")
    for (i = 1; i <= 400; i++) {
        body = ""
        for (k = 0; k < 40; k++) body = body w[(i * 7 + k * k) % 18 + 1] " "
        own = unique ? sprintf(" word%d", i) : ""
        line = sprintf("{\"id\":\"g%d\",\"title\":\"%s report %d\",\"date\":\"1987-03-%02d\",", \
            i, w[i % 18 + 1], i, i % 28 + 1)
        line = line sprintf("\"body\":\"Kuala Lumpur said %s%s.\\n\\n%s in Brazil.\"}", body, own, w[(i + 3) % 18 + 1])
        print line
        if (i == 5) again = line
        if (i == 100) print "{\"id\":\"g7\",\"title\":\"cocoa report 7\",\"body\":\"Changed text.\"}"
        if (i == 150) print "{\"id\":\"bad1\",\"date\":\"1987-03-01\"}"
        if (i == 200) print again
        if (i == 250) print "{\"id\":\"bad2\",\"title\":\"t\",\"date\":\"March 1987\"}"
    }
}' >"$1"
}

done_testing() { echo "1..$test_count"; }
