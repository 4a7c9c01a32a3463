# bench/lib.sh - what the benchmark scripts share: starting khabar-searchd
# on a free loopback port, and turning a RESULT line (of bench/http.lua or
# khabar-query-bench) into a row of a docs/BENCHMARKS.md table.  Sourced;
# the script sets $scratch and kills $pid on exit.

# bench_searchd PROGRAM TRIES ARG...: starts PROGRAM (khabar-searchd) with
# ARG... on 127.0.0.1:0, its output in $scratch/out and log in
# $scratch/searchd.log; sets $pid and $base (http://127.0.0.1:PORT), or
# returns 1 when it did not say where it listens within TRIES x 50 ms.
bench_searchd() {
    program=$1 tries=$2
    shift 2
    # Made here: the background job opens it only once it runs.
    : >"$scratch/out"
    "$program" "$@" --listen 127.0.0.1:0 >"$scratch/out" 2>"$scratch/searchd.log" &
    pid=$!
    base=
    for _ in $(seq 1 "$tries"); do
        base=$(sed -n 's|.*listening on \(http://[^/]*\).*|\1|p' "$scratch/out")
        [ -n "$base" ] && return 0
        sleep 0.05
    done
    return 1
}

# bench_field FILE NAME: the value of NAME=value in the RESULT line in FILE.
bench_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1"; }

# bench_row NAME CLIENT DECIMALS: a table row from the RESULT line in
# $scratch/r (times in microseconds): name, client, p50, p95 and p99 in ms
# and the rate with DECIMALS decimals, errors.
bench_row() {
    r="$scratch/r"
    awk -v name="$1" -v client="$2" -v d="$3" \
        -v p50="$(bench_field "$r" p50)" -v p95="$(bench_field "$r" p95)" \
        -v p99="$(bench_field "$r" p99)" \
        -v rate="$(bench_field "$r" rps)$(bench_field "$r" qps)" \
        -v e1="$(bench_field "$r" status_errors)" \
        -v e2="$(bench_field "$r" socket_errors)" -v e3="$(bench_field "$r" errors)" \
        'BEGIN { f = "| %s | %s | %." d "f | %." d "f | %." d "f | %." (d == 2 ? 0 : 1) "f | %d |\n"
                 printf f, name, client, p50 / 1000, p95 / 1000, p99 / 1000,
                        rate, e1 + e2 + e3 }'
}
