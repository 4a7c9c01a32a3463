#!/bin/sh
# run.sh BUILD RESULTS - runs the unit tests built in BUILD/tests and the
# end-to-end scripts tests/e2e/t*.sh against BUILD's programs, printing TAP
# lines, and appends "passed failed skipped" to RESULTS.
set -u
build=$1
results=$2
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0 skipped=0

# Counts the TAP lines of one test program's output (on stdin), echoing
# them; a program that printed no result line at all has failed.
tally() {
    label=$1 status=$2 out=$3
    p=$(grep -c '^ok ' "$out" | tr -d ' ')
    s=$(grep -c '^ok .*# *[Ss][Kk][Ii][Pp]' "$out" | tr -d ' ')
    f=$(grep -c '^not ok ' "$out" | tr -d ' ')
    p=$((p - s))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $label exited with status $status"
        f=1
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "# unit tests ($build)"
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$out" 2>&1
    status=$?
    sed "s/^/[$name] /" "$out" | grep -v '^\[.*\] 1\.\.' || true
    tally "$name" "$status" "$out"
done
echo "# end-to-end tests ($build)"
for t in "$top"/tests/e2e/t[0-9]*.sh; do
    name=$(basename "$t" .sh)
    KHABAR_BUILD="$top/$build" KHABAR_TOP="$top" sh "$t" >"$out" 2>&1
    status=$?
    sed "s/^/[$name] /" "$out"
    tally "$name" "$status" "$out"
done
echo "# $build: $passed passed, $failed failed, $skipped skipped"
echo "$passed $failed $skipped" >>"$results"
[ "$failed" -eq 0 ]
