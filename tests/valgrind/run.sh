#!/bin/sh
# run.sh BUILD [SCRIPT...] - end-to-end scripts with khabar-index and
# khabar-searchd under valgrind's memcheck (make valgrind; docs/SECURITY.md).
#
# Each program runs through a wrapper that execs valgrind with
#   --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
#   --suppressions=tests/valgrind/khabar.supp -q --log-file=LOGS/%p.log
# so every process writes its own log, and with -q a log holds nothing but
# errors and definite leaks.  A script fails when it fails on its own or
# when any process it started left a non-empty log; the log is then shown.
# The scripts get the wrappers through lib.sh's KHABAR_INDEX and
# KHABAR_SEARCHD, and KHABAR_TIME_SCALE=20 for searchd's start-up.
#
# SCRIPT names scripts by number (t020) or path; the default set (below)
# takes about 7 minutes on 2 cores.  BUILD must be a build without
# sanitizers: ASan and valgrind cannot share a process.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case "$build" in /*) ;; *) build="$top/$build" ;; esac
case "$build" in
*/san) echo "valgrind: $build is a sanitizer build; give the plain one" >&2; exit 2 ;;
esac
command -v valgrind >/dev/null || {
    echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$build/khabar-searchd" ] && [ -x "$build/khabar-index" ] || {
    echo "valgrind: no programs in $build (run make first)" >&2; exit 2; }

# The scripts that start searchd (every route) or run the indexer (every
# reader), but those that measure time (t071's slow clients, t080's
# --wait, t114's 5 s, t140's load), need judged data (t060, t061, t120), a
# browser (t130), or repeat others (t085: the deploy files; t121).
default="t010 t020 t025 t030 t040 t050 t070 t090 t091 t092 t093 t100 t110 t111 t112 t113 t141 t142 t143"
[ $# -eq 0 ] && set -- $default

work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
mkdir "$work/bin" "$work/logs"
for prog in khabar-index khabar-searchd; do
    cat >"$work/bin/$prog" <<WRAP
#!/bin/sh
exec valgrind --error-exitcode=99 --leak-check=full \\
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \\
    --suppressions="$top/tests/valgrind/khabar.supp" --num-callers=40 \\
    --gen-suppressions=${KHABAR_VALGRIND_GEN:-no} \\
    -q --log-file="$work/logs/%p.log" "$build/$prog" "\$@"
WRAP
    chmod +x "$work/bin/$prog"
done

passed=0 failed=0 skipped=0 bad_scripts=
start=$(date +%s)
for s in "$@"; do
    case "$s" in
    */*) script=$s ;;
    *) script=$(ls "$top"/tests/e2e/"$s"-*.sh "$top"/tests/e2e/"$s".sh 2>/dev/null | head -1) ;;
    esac
    [ -f "$script" ] || { echo "not ok - no script $s"; failed=$((failed + 1)); continue; }
    name=$(basename "$script" .sh)
    t0=$(date +%s)
    KHABAR_BUILD="$build" KHABAR_TOP="$top" KHABAR_TIME_SCALE=20 \
        KHABAR_INDEX="$work/bin/khabar-index" KHABAR_SEARCHD="$work/bin/khabar-searchd" \
        sh "$script" >"$work/out" 2>&1
    status=$?
    sed "s/^/[$name] /" "$work/out"
    p=$(grep -c '^ok ' "$work/out"); sk=$(grep -c '^ok .*# *SKIP' "$work/out")
    f=$(grep -c '^not ok ' "$work/out")
    passed=$((passed + p - sk)) skipped=$((skipped + sk))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - [$name] exited with status $status"; f=1
    fi
    # The processes' logs: each non-empty one is a failure.
    for log in "$work"/logs/*.log; do
        [ -s "$log" ] || continue
        echo "not ok - [$name] valgrind found errors in pid $(basename "$log" .log):"
        sed 's/^/#   /' "$log"
        f=$((f + 1))
    done
    rm -f "$work"/logs/*.log
    failed=$((failed + f))
    [ "$f" -gt 0 ] && bad_scripts="$bad_scripts $name"
    echo "# $name: $(( $(date +%s) - t0 )) s"
done
echo "# valgrind ($build, $(( $(date +%s) - start )) s):${bad_scripts:+ failed in$bad_scripts}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
