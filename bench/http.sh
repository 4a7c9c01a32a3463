#!/bin/sh
# bench/http.sh - what /search costs over HTTP and in-process: index
# Reuters-21578, make the fixed mixed set of queries (bench/http-queries.sh),
# then for each kind of request drive khabar-searchd over loopback with wrk
# (bench/http.lua, one connection and then two) and run the same queries
# through the shim (khabar-query-bench), SECONDS each, and print a table
# ready for docs/BENCHMARKS.md ("HTTP queries"); then set Khabar's
# in-process search beside raw Xapian's (bench/raw_xapian_queries.py), and
# check that the shim's snippets are Xapian's (khabar-snippet-check).
#
#   bench/http.sh [BUILD] [SECONDS]     (defaults: build 10)
#
# KHABAR_BENCH_INDEX=DIR keeps the Reuters index in DIR and reuses it when
# it is there (indexing takes a minute or more).  KHABAR_BENCH_THREADS sets
# searchd's --threads (default: searchd's own, one per core).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
build=${1:-build}
seconds=${2:-10}
data="$top/../shared/corpus/reuters21578"
if [ ! -d "$data" ]; then
    echo "bench/http.sh: skipped: $data is not there" >&2
    exit 0
fi
if ! command -v wrk >/dev/null; then
    echo "bench/http.sh: wrk is not installed (make deps installs it)" >&2
    exit 1
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
db=${KHABAR_BENCH_INDEX:-$scratch/db}
if [ ! -d "$db" ]; then
    # Exit status 1 only says that some records were rejected (one has no
    # text).
    "$top/$build/khabar-index" --quiet --db "$db" "$data"/reut2-*.sgm.gz ||
        [ $? -eq 1 ]
fi
threads=
[ -n "${KHABAR_BENCH_THREADS:-}" ] && threads="--threads $KHABAR_BENCH_THREADS"
# The access log is written, as in production, to a file.
bench_searchd "$top/$build/khabar-searchd" 100 --db "$db" $threads ||
    { echo "bench/http.sh: khabar-searchd did not start" >&2; exit 1; }

# Entity filters as the archive's own facets name them: the 25 commonest
# people, organisations, countries and places.
curl -sf "$base/search?q=&size=1&facet_size=25&fields=id" |
    jq -r '.facets | (.person, .org, .country, .place)[] | .filter' \
    >"$scratch/filters"
"$top/bench/http-queries.sh" "$data" "$scratch/filters" >"$scratch/queries"
nq=$(wc -l <"$scratch/queries")

# wrk CONNECTIONS SUFFIX: a run over HTTP, its RESULT line in $scratch/r
http() {
    wrk -t"$1" -c"$1" -d"${seconds}s" -s "$top/bench/http.lua" "$base" \
        -- "$scratch/queries" "$2" | grep '^RESULT' >"$scratch/r"
}
# inproc OPTIONS: a run through the shim, its RESULT line in $scratch/r
inproc() {
    inproc_on "$scratch/queries" "$@"
}
# inproc_on FILE OPTIONS: the same over the queries in FILE
inproc_on() {
    file=$1
    shift
    "$top/$build/khabar-query-bench" --db "$db" --seconds "$seconds" "$@" \
        "$file" 2>>"$scratch/inproc.err" | grep '^RESULT' >"$scratch/r"
}
row() { bench_row "$1" "$2" 2; }

# Snippets and facets as /search takes them (docs/API.md): fields= without
# snippet makes none; facets=none counts none.
no_snippets="&fields=rank,id,title,url,date,source,lang,score,duplicates,entities"
: >"$scratch/inproc.err"
# A warm-up, untimed: the first pass reads the index into the page cache.
wrk -t1 -c1 -d3s -s "$top/bench/http.lua" "$base" -- "$scratch/queries" \
    "&facets=none" >/dev/null

echo "# bench/http.sh: $nq queries, $seconds s a run, $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg) before"
echo
echo "| requests | client | p50 ms | p95 ms | p99 ms | per second | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
: >"$scratch/ratios"
for kind in plain snippets facets; do
    case $kind in
    plain) name="snippets off, facets off"; suffix="&facets=none$no_snippets"; opts= ;;
    snippets) name="snippets on, facets off"; suffix="&facets=none"; opts=--snippets ;;
    facets) name="snippets on, facets on"; suffix=; opts="--snippets --facets" ;;
    esac
    inproc $opts
    row "$name" "in-process, 1 thread"
    inproc_rate=$(bench_field "$scratch/r" qps)
    http 1 "$suffix"
    row "$name" "HTTP, 1 connection"
    http1_rate=$(bench_field "$scratch/r" rps)
    http 2 "$suffix"
    row "$name" "HTTP, 2 connections"
    awk -v n="$name" -v a="$inproc_rate" -v b="$http1_rate" \
        'BEGIN { printf "| %s | %.0f %% |\n", n, (a / b - 1) * 100 }' \
        >>"$scratch/ratios"
done
echo
echo "HTTP over in-process (time per request, one connection against one"
echo "thread in-process, from the same run):"
echo
echo "| requests | HTTP costs more by |"
echo "|---|---:|"
cat "$scratch/ratios"

# The floor: Xapian's own cost for the same queries on the same index
# (bench/raw_xapian_queries.py: QueryParser, BM25, 10 hits and their data,
# nothing of Khabar's), for the queries its QueryParser reads as Khabar
# does (those without a field filter); twice each, alternated, as the
# machine's speed drifts between runs.
grep -v ':' "$scratch/queries" >"$scratch/unfiltered" || true
echo
echo "Against raw Xapian, snippets and facets off (Khabar's collapse, exact" \
     "totals and spelling on), the $(wc -l <"$scratch/unfiltered")" \
     "queries without a field filter:"
echo
echo "| requests | client | p50 ms | p95 ms | p99 ms | per second | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
for round in 1 2; do
    inproc_on "$scratch/unfiltered"
    row "no field filter" "Khabar in-process, 1 thread"
    /usr/bin/python3 "$top/bench/raw_xapian_queries.py" "$db" \
        "$scratch/unfiltered" "$seconds" | grep '^RESULT' >"$scratch/r"
    row "no field filter" "raw Xapian (Python), 1 thread"
done
# The snippets timed above are the shim's own (shim/snippet.cc): that they
# are Xapian's, byte for byte, for every hit of every query.
echo
echo "Snippets, the shim's against Xapian's MSet::snippet() (khabar-snippet-check):"
echo
"$top/$build/khabar-snippet-check" --db "$db" "$scratch/queries" | tail -1 ||
    true
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after;" \
     "$(grep -c . "$scratch/inproc.err" || true) failed in-process queries"
