#!/bin/sh
# bench/scale.sh - Khabar at a million articles on one machine (make
# bench-scale; docs/BENCHMARKS.md "A million articles").
#
#   bench/scale.sh [BUILD] [ARTICLES] [SECONDS]   (defaults: build 1000000 20)
#
# 1. Builds the corpus with bench/scale-corpus.py from ../shared/corpus
#    (Reuters-21578 through khabar-index --extract, and the Reuters
#    2006-2013 set), gzipped JSON Lines in the scratch directory
#    $KHABAR_SCALE_DIR (default ${TMPDIR:-/tmp}/khabar-scale), never in
#    the tree; it is built again only when the builder, its inputs or
#    ARTICLES change.
# 2. Indexes it with khabar-index and its default options under
#    /usr/bin/time -v: articles/s, MB/s of JSON Lines, peak RSS, index size
#    on disk, and again after compaction (khabar-index's own when it has
#    one, else xapian-compact's, as said in the output).
# 3. Serves it with khabar-searchd and drives a fixed set of 1,000 mixed
#    queries (bench/scale-queries.py: words, phrases, entity and date
#    filters) with wrk (bench/http.lua) for SECONDS, 1 and 2 connections,
#    facets on and off; then the words-only queries, facets on: the set
#    the targets are stated for (p95 <= 50 ms, p99 <= 150 ms at 2
#    connections).
# 4. Times date-range queries in-process (khabar-query-bench) through the
#    year and month terms, and through the value slot alone on the same
#    index (its khabar.date-terms flag removed for the run, as in an
#    index written before the terms).
# Prints tables ready for docs/BENCHMARKS.md.  KHABAR_SCALE_REUSE=1 keeps
# an index built before for the same corpus and skips step 2's indexing;
# KHABAR_SCALE_CORPUS_ONLY=1 stops after step 1; KHABAR_TOP names the
# source tree when this script runs from a copy (as a long run should, so
# that edits to the tree cannot change it under the running shell).
set -eu
top=${KHABAR_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
build=${1:-build}
articles=${2:-1000000}
seconds=${3:-20}
shared="$top/../shared/corpus"
case $build in /*) bin=$build ;; *) bin="$top/$build" ;; esac
if [ ! -d "$shared/reuters21578" ] || [ ! -d "$shared/reuters-financial-2006-2013" ]; then
    echo "bench/scale.sh: skipped: $shared is not there" >&2
    exit 0
fi
for tool in wrk python3 jq curl xapian-metadata; do
    command -v "$tool" >/dev/null ||
        { echo "bench/scale.sh: $tool is not installed (make deps installs it)" >&2; exit 1; }
done
[ -x /usr/bin/time ] ||
    { echo "bench/scale.sh: /usr/bin/time is not installed (make deps installs it)" >&2; exit 1; }
dir=${KHABAR_SCALE_DIR:-${TMPDIR:-/tmp}/khabar-scale}
mkdir -p "$dir"
index="$bin/khabar-index"
say() { echo "bench/scale.sh: $*" >&2; }

# 1. The corpus, cached under a key of everything it is made from.
"$index" --extract "$shared"/reuters21578/reut2-*.sgm.gz \
    >"$dir/reuters21578.jsonl" 2>"$dir/extract.log" || [ $? -eq 1 ]
corpus="$dir/corpus-$articles.jsonl.gz"
# Names and sizes of the shared files, not ls -l: their times change when
# a machine restores ../shared, their bytes do not.
key=$( { cat "$top/bench/scale-corpus.py" "$dir/reuters21578.jsonl";
         cd "$shared" && stat -c '%n %s' reuters-financial-2006-2013/*.jsonl.gz;
         echo "$articles"; } | sha256sum | cut -c1-16)
if [ ! -f "$corpus" ] || [ "$(cat "$corpus.key" 2>/dev/null)" != "$key" ]; then
    say "building $articles articles into $corpus"
    rm -f "$corpus.key"
    python3 "$top/bench/scale-corpus.py" --articles "$articles" --seed 8 \
        --out "$corpus" "$dir/reuters21578.jsonl" \
        "$shared"/reuters-financial-2006-2013/*.jsonl.gz
    gzip -dc "$corpus" | wc -c >"$corpus.bytes"
    echo "$key" >"$corpus.key"
fi
corpus_bytes=$(cat "$corpus.bytes")
if [ "${KHABAR_SCALE_CORPUS_ONLY:-}" = 1 ]; then
    say "corpus ready: $corpus"
    exit 0
fi

# 2. Indexing.
db="$dir/index-$articles"
if [ "${KHABAR_SCALE_REUSE:-}" = 1 ] && [ "$(cat "$db.key" 2>/dev/null)" = "$key" ]; then
    say "reusing $db (KHABAR_SCALE_REUSE=1)"
    reused=1
else
    rm -rf "$db" "$db.key"
    say "indexing into $db"
    /usr/bin/time -v "$index" --json --db "$db" "$corpus" \
        >"$db.summary" 2>"$db.time" || [ $? -eq 1 ]
    echo "$key" >"$db.key"
fi
# A full build ends with khabar-index's own compaction, whose sizes its
# JSON summary gives; an index built without it is compacted here, a copy
# with Xapian's tool, to report both sizes all the same.
if jq -e '.compacted' "$db.summary" >/dev/null 2>&1; then
    size_before=$(jq -r '.compacted.before_bytes' "$db.summary")
    size_after=$(jq -r '.compacted.after_bytes' "$db.summary")
    compacted="khabar-index's own, after the full build (its JSON summary)"
else
    size_before=$(du -sb "$db" | cut -f1)
    rm -rf "$dir/compact"
    live=$(find "$db" -name iamglass -printf '%h\n' | head -1)
    xapian-compact --no-full "$live" "$dir/compact" >/dev/null
    size_after=$(du -sb "$dir/compact" | cut -f1)
    rm -rf "$dir/compact"
    compacted="xapian-compact of a copy of the live generation"
fi

# 3. Over HTTP.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-scale.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
bench_searchd "$bin/khabar-searchd" 200 --db "$db" ||
    { say "khabar-searchd did not start"; exit 1; }
curl -sf "$base/search?q=&size=1&facet_size=25&fields=id" |
    jq -r '.facets | (.person, .org, .country, .place)[] | .filter' \
    >"$scratch/filters"
python3 "$top/bench/scale-queries.py" --corpus "$corpus" \
    --filters "$scratch/filters" --n 1000 --keywords "$scratch/keywords" \
    >"$scratch/queries"
grep 'date:' "$scratch/queries" >"$scratch/dates" || true

# wrk CONNECTIONS QUERIES SUFFIX: its RESULT line in $scratch/r
http() {
    wrk -t"$1" -c"$1" -d"${seconds}s" --timeout 10s -s "$top/bench/http.lua" \
        "$base" -- "$2" "$3" | grep '^RESULT' >"$scratch/r"
}
row() { bench_row "$1" "$2" 1; }
# A warm-up, untimed, over every query once or more.
wrk -t1 -c1 -d"${seconds}s" -s "$top/bench/http.lua" "$base" -- \
    "$scratch/queries" "&facets=none" >/dev/null

elapsed=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$db.time" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$db.time")
# CPU time says more than wall-clock time on a shared machine.
cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$db.time" |
    awk '{ s += $1 } END { print s }')
added=$(jq -r '.added + .updated + .unchanged' "$db.summary")
echo "# bench/scale.sh: $articles articles ($corpus_bytes bytes of JSON Lines)," \
     "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the queries"
echo
if [ "${reused:-}" = 1 ]; then
    echo "Index reused (KHABAR_SCALE_REUSE=1): the indexing figures are those of the run that built it."
else
    echo "khabar-index options: its defaults, as its --help gives them:"
    echo
    "$index" --help 2>&1 | awk '/^  --(threads|memory|batch) / { on = 1; print "    " $0; next }
        on && /^      / { print "    " $0; next } { on = 0 }'
fi
echo
echo "| indexing | value |"
echo "|---|---:|"
awk -v n="$added" -v s="$elapsed" -v b="$corpus_bytes" -v r="$rss" \
    -v cpu="$cpu" -v before="$size_before" -v after="$size_after" 'BEGIN {
    printf "| articles indexed | %d |\n", n
    printf "| wall clock | %.0f s |\n", s
    printf "| CPU time (user + system) | %.0f s |\n", cpu
    printf "| articles/s | %.0f |\n", n / s
    printf "| articles per CPU second | %.0f |\n", n / cpu
    printf "| MB/s of JSON Lines | %.2f |\n", b / s / 1e6
    printf "| peak RSS | %.0f MiB |\n", r / 1024
    printf "| index on disk, before compaction | %.0f MiB |\n", before / 1048576
    printf "| compacted | %.0f MiB |\n", after / 1048576 }'
echo
echo "Compaction: $compacted."
echo
echo "| queries | client | p50 ms | p95 ms | p99 ms | per second | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
: >"$scratch/facet"
for set in mixed keywords; do
    file="$scratch/queries"
    [ "$set" = keywords ] && file="$scratch/keywords"
    for facets in on off; do
        [ "$set" = keywords ] && [ "$facets" = off ] && continue
        suffix=
        [ "$facets" = off ] && suffix="&facets=none"
        n=$(wc -l <"$file" | tr -d ' ')
        for c in 1 2; do
            http "$c" "$file" "$suffix"
            row "$n $set, facets $facets" "HTTP, $c connection$([ "$c" = 2 ] && echo s)"
            [ "$set" = mixed ] && [ "$c" = 1 ] &&
                echo "$facets $(bench_field "$scratch/r" p50) $(bench_field "$scratch/r" rps)" >>"$scratch/facet"
        done
    done
done
echo
awk '{ p50[$1] = $2; rps[$1] = $3 } END {
    printf "Facets (mixed set, 1 connection): median %.1f ms on against %.1f ms off, %.1f ms a query on average (%.0f against %.0f queries/s).\n",
        p50["on"] / 1000, p50["off"] / 1000,
        (1 / rps["on"] - 1 / rps["off"]) * 1000, rps["on"], rps["off"] }' \
    "$scratch/facet"
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=

# 4. Date ranges in-process: terms against the value slot, one index.
nd=$(wc -l <"$scratch/dates" | tr -d ' ')
echo
echo "| $nd date-filtered queries, in-process, 1 thread | p50 ms | p95 ms | p99 ms | per second |"
echo "|---|---:|---:|---:|---:|"
dates() {
    for facets in "" --facets; do
        "$bin/khabar-query-bench" --db "$db" --seconds "$seconds" \
            $facets "$scratch/dates" | grep '^RESULT' >"$scratch/r"
        awk -v name="$1${facets:+, facets on}" -v p50="$(bench_field "$scratch/r" p50)" \
            -v p95="$(bench_field "$scratch/r" p95)" -v p99="$(bench_field "$scratch/r" p99)" \
            -v rate="$(bench_field "$scratch/r" qps)" \
            'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.0f |\n",
                     name, p50 / 1000, p95 / 1000, p99 / 1000, rate }'
    done
}
live=$(find "$db" -name iamglass -printf '%h\n' | head -1)
if [ ! -x "$bin/khabar-query-bench" ]; then
    echo "| (khabar-query-bench is not built: skipped) | | | | |"
elif [ -z "$(xapian-metadata get "$live" khabar.date-terms)" ]; then
    dates "value slot (index without the terms)"
else
    if [ -n "$(xapian-metadata get "$live" khabar.day-terms)" ]; then
        dates "year, month and day terms"
    else
        dates "year and month terms (ranges of at most 4)"
    fi
    # Put back however the run ends: an index left without the flag
    # would serve every later run through the value slot.
    trap 'xapian-metadata set "$live" khabar.date-terms 1; rm -rf "$scratch"' EXIT
    trap 'exit 1' INT TERM
    xapian-metadata set "$live" khabar.date-terms ''
    dates "value slot alone (flag removed)"
    xapian-metadata set "$live" khabar.date-terms 1
fi
