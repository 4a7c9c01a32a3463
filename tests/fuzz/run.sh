#!/bin/sh
# run.sh - runs the libFuzzer targets built by tests/fuzz/fuzz.mk.
#
#   run.sh check BUILD [RESULTS]       each target over its seed corpus and
#                                      regression inputs, once each (no
#                                      fuzzing): TAP lines, and "passed
#                                      failed skipped" appended to RESULTS
#   run.sh fuzz BUILD SECONDS [NAME...]  fuzz each target (or the NAMEs,
#                                      e.g. fuzz_warc) for SECONDS, one
#                                      after another
#
# Fuzzing grows a working corpus in BUILD/corpus/NAME (the seeds in
# tests/fuzz/corpus stay small and hand-made) and writes what crashed to
# BUILD/artifacts/NAME/; it runs in libFuzzer's fork mode, ignoring
# crashes, so that one bug does not end the session.  Copy each crashing
# input to tests/fuzz/regressions/NAME/, so that "check" keeps the bug
# fixed.  While a bug is known but not yet fixed, name its input
# "open-...": check runs open inputs one by one and reports them as
# skipped while they still fail, and says when one passes (then drop the
# "open-").  Extra libFuzzer flags can be given in FUZZ_FLAGS.
set -u
mode=${1:?usage: run.sh check|fuzz BUILD [SECONDS|RESULTS] [NAME...]}
build=${2:?usage: run.sh check|fuzz BUILD ...}
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 skipped=0

# The inputs of target NAME that check runs: seeds and regressions, but
# not the open ones.
inputs() {
    find "$here/corpus/$1" "$here/regressions/$1" -type f \
        ! -name 'open-*' 2>/dev/null | sort
}

# libFuzzer's own options for every run: a slow input is a finding, and
# the ASan/UBSan options make reports end the run with a stack.
common="-timeout=10 -rss_limit_mb=2048"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

check_one() {
    t=$1 name=$(basename "$1") out=$(mktemp)
    files=$(inputs "$name")
    if [ -z "$files" ]; then
        echo "ok - $name # SKIP no seeds in tests/fuzz/corpus/$name"
        skipped=$((skipped + 1))
        return
    fi
    count=$(printf '%s\n' "$files" | wc -l | tr -d ' ')
    # shellcheck disable=SC2086  # one argument per file, none has spaces
    if "$t" $common $files >"$out" 2>&1; then
        echo "ok - $name: $count inputs"
        passed=$((passed + 1))
    else
        echo "not ok - $name: an input failed"
        sed 's/^/#   /' "$out" | tail -n 60
        failed=$((failed + 1))
    fi
    rm -f "$out"
    open_one "$t"
}

# The inputs of bugs found but not fixed yet, each in its own run.
open_one() {
    t=$1 name=$(basename "$1")
    for f in $(find "$here/regressions/$name" -type f -name 'open-*' \
                   2>/dev/null | sort); do
        if "$t" $common "$f" >/dev/null 2>&1; then
            echo "ok - $name: $(basename "$f") passes now: rename it without 'open-'"
            passed=$((passed + 1))
        else
            echo "ok - $name: $(basename "$f") # SKIP open bug, see docs/SECURITY.md"
            skipped=$((skipped + 1))
        fi
    done
}

fuzz_one() {
    t=$1 seconds=$2 name=$(basename "$1")
    work="$build/corpus/$name" art="$build/artifacts/$name"
    mkdir -p "$work" "$art"
    dict=
    [ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
    seeds="$here/corpus/$name"
    [ -d "$here/regressions/$name" ] && seeds="$seeds $here/regressions/$name"
    echo "# $name: fuzzing for $seconds s (corpus $work)"
    # shellcheck disable=SC2086
    before=$(ls "$art" | wc -l)
    "$t" $common -max_total_time="$seconds" -artifact_prefix="$art/" \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -close_fd_mask=2 \
        $dict ${FUZZ_FLAGS:-} "$work" $seeds >"$build/$name.log" 2>&1
    status=$?
    new=$(( $(ls "$art" | wc -l) - before ))
    grep -E '^#[0-9]+: cov' "$build/$name.log" | tail -n 1 | sed 's/^/#   /'
    if [ "$new" -eq 0 ] && [ "$status" -eq 0 ]; then
        echo "ok - $name"
        passed=$((passed + 1))
    else
        echo "not ok - $name: exit $status, $new new inputs in $art/ (log: $build/$name.log)"
        grep -E '^(==[0-9]+== ?ERROR|SUMMARY)|fuzz check failed' \
            "$build/$name.log" | sed 's/^==[0-9]*== *//' | sort | uniq -c |
            head -10 | sed 's/^/#   /'
        failed=$((failed + 1))
    fi
}

targets() {
    if [ $# -gt 0 ]; then
        for n in "$@"; do echo "$build/$n"; done
    else
        for t in "$build"/fuzz_*; do [ -x "$t" ] && echo "$t"; done
    fi
}

case $mode in
check)
    results=${3:-}
    echo "# fuzz targets over their seeds and regressions ($build)"
    for t in $(targets); do check_one "$t"; done
    ;;
fuzz)
    seconds=${3:?usage: run.sh fuzz BUILD SECONDS [NAME...]}
    shift 3
    for t in $(targets "$@"); do fuzz_one "$t" "$seconds"; done
    results=
    ;;
*)
    echo "run.sh: unknown mode '$mode' (check or fuzz)" >&2
    exit 2
    ;;
esac
echo "# fuzz: $passed passed, $failed failed, $skipped skipped"
[ -n "$results" ] && echo "$passed $failed $skipped" >>"$results"
[ "$failed" -eq 0 ]
