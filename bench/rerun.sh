#!/bin/sh
# bench/rerun.sh - what the nightly job costs when little changed: index the
# 106,494-article Reuters 2006-2013 set, then rerun the same command over the
# unchanged archive, RUNS times each, and print the medians and their ratio.
#
#   bench/rerun.sh [BUILD] [RUNS]     (defaults: build 3)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
runs=${2:-3}
data="$top/../shared/corpus/reuters-financial-2006-2013"
if [ ! -d "$data" ]; then
    echo "bench/rerun.sh: skipped: $data is not there" >&2
    exit 0
fi
index="$top/$build/khabar-index"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

seconds() { jq .seconds "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$scratch/first"
: >"$scratch/rerun"
for r in $(seq 1 "$runs"); do
    rm -rf "$scratch/index"
    "$index" --db "$scratch/index" --json "$data"/*.jsonl.gz >"$scratch/out"
    seconds "$scratch/out" >>"$scratch/first"
    articles=$(jq .added "$scratch/out")
    "$index" --db "$scratch/index" --json "$data"/*.jsonl.gz >"$scratch/out"
    seconds "$scratch/out" >>"$scratch/rerun"
    unchanged=$(jq .unchanged "$scratch/out")
    echo "run $r: first $(tail -1 "$scratch/first") s, rerun $(tail -1 "$scratch/rerun") s ($articles added, then $unchanged unchanged)"
done
first=$(median <"$scratch/first")
rerun=$(median <"$scratch/rerun")
echo "median first run: $first s ($articles articles, $(echo "$articles $first" | awk '{ printf "%.0f", $1 / $2 }') articles/s)"
echo "median rerun:     $rerun s ($(echo "$rerun $first" | awk '{ printf "%.1f", 100 * $1 / $2 }') % of the first run)"
