#!/bin/sh
# bench/readers.sh - how fast each reader turns input into articles, without
# an index: khabar-index --extract to /dev/null on one core, RUNS times per
# data set, printing the median seconds, MB/s (of decompressed input) and
# articles/s.  The HTML rows time the HTML extractor (libxml2 parse and
# page_html_extract) with next to no reader around it.
#
#   bench/readers.sh [BUILD] [RUNS]     (defaults: build 3)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
runs=${2:-3}
shared="$top/../shared/corpus"
if [ ! -d "$shared" ]; then
    echo "bench/readers.sh: skipped: $shared is not there" >&2
    exit 0
fi
index="$top/$build/khabar-index"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
one_core=
command -v taskset >/dev/null && one_core="taskset -c 0"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench NAME FILE...: RUNS timed extractions of FILE..., one line of figures.
bench() {
    name=$1; shift
    mb=$(for f in "$@"; do gzip -dcf "$f"; done | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
    : >"$scratch/times"
    for _ in $(seq 1 "$runs"); do
        $one_core "$index" --extract --json "$@" >/dev/null 2>"$scratch/summary" || true
        tail -1 "$scratch/summary" | jq .seconds >>"$scratch/times"
    done
    articles=$(tail -1 "$scratch/summary" | jq .extracted)
    s=$(median <"$scratch/times")
    awk -v n="$name" -v mb="$mb" -v a="$articles" -v s="$s" 'BEGIN {
        printf "%-34s %8s MB %8d articles %7.2f s %8.1f MB/s %9.0f articles/s\n",
               n, mb, a, s, mb / s, a / s }'
}

# wrap_warc FILE...: each page as an HTML response record, gzip per record.
wrap_warc() {
    for f in "$@"; do
        gzip -dcf "$f" >"$scratch/page"
        printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' >"$scratch/block"
        cat "$scratch/page" >>"$scratch/block"
        { printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: file://%s\r\n' "$f"
          printf 'WARC-Date: 2020-01-01T00:00:00Z\r\nContent-Length: %s\r\n\r\n' "$(wc -c <"$scratch/block" | tr -d ' ')"
          cat "$scratch/block"; printf '\r\n\r\n'; } | gzip -c
    done
}

echo "# khabar-index --extract, median of $runs runs, $(nproc) cores, one used"
html=$(ls "$shared"/html/scrapinghub-article-extraction-benchmark/html/*.html.gz \
          "$shared"/html/newspaper3k/*.html.gz)
# Each page 10 times over, so that the run lasts long enough to time.
set -- $html $html $html $html $html $html $html $html $html $html
bench "HTML pages (html/, 10x)" "$@"
wrap_warc $html >"$scratch/pages.warc.gz"
set -- "$scratch/pages.warc.gz"
for _ in 1 2 3 4 5 6 7 8 9; do set -- "$@" "$scratch/pages.warc.gz"; done
bench "WARC, gzip per record (html/, 10x)" "$@"
bench "Reuters-21578 SGML (18 files)" "$shared"/reuters21578/reut2-0*.sgm.gz
bench "JSON Lines (reuters-financial 2006)" \
    "$shared"/reuters-financial-2006-2013/reuters-financial-2006.jsonl.gz
