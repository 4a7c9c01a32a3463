#!/bin/sh
# bench/facets.sh - what exact facets cost: index Reuters-21578 (21,578
# articles), then time /search with facets and with facets=none for queries
# of many matches, RUNS times each, and print the median extra time per
# 100,000 matching articles (facets are counted over every match, never a
# sample, so the cost grows with the matches).
#
#   bench/facets.sh [BUILD] [RUNS]     (defaults: build 5)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
build=${1:-build}
runs=${2:-5}
data="$top/../shared/corpus/reuters21578"
if [ ! -d "$data" ]; then
    echo "bench/facets.sh: skipped: $data is not there" >&2
    exit 0
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
# Exit status 1 only says that some records were rejected (one has no text).
"$top/$build/khabar-index" --quiet --db "$scratch/db" "$data"/reut2-*.sgm.gz || [ $? -eq 1 ]
bench_searchd "$top/$build/khabar-searchd" 100 --db "$scratch/db" ||
    { echo "bench/facets.sh: khabar-searchd did not start" >&2; exit 1; }
# median of RUNS wall-clock times (seconds) of GET $1
median() {
    for _ in $(seq 1 "$runs"); do
        curl -s -o /dev/null -w '%{time_total}\n' "$base$1"
    done | sort -n | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}'
}
printf '%-28s %8s %10s %10s %14s\n' query matches facets none "ms/100k"
for q in 'said' 'pct' 'year:1987' 'country:%22united+states%22'; do
    # facets=none with the query as a filter-free text keeps the match set
    matches=$(curl -s "$base/search?q=$q&facets=none&size=1" | jq .total)
    with=$(median "/search?q=$q&size=10&collapse=none")
    without=$(median "/search?q=$q&size=10&collapse=none&facets=none")
    printf '%-28s %8s %10s %10s %14s\n' "$q" "$matches" "$with" "$without" \
        "$(echo "$with $without $matches" | awk '{ if ($3 > 0) printf "%.0f", ($1 - $2) * 1000 * 100000 / $3; else print "-" }')"
done
