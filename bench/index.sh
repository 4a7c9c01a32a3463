#!/bin/sh
# bench/index.sh [BUILD] [RUNS] - indexing speed (docs/BENCHMARKS.md,
# "Indexing"): for Reuters-21578 and the Reuters 2006-2013 set in
# ../shared/corpus, the articles/s of
#   raw     bench/raw_xapian.py: one thread, Xapian's TermGenerator with
#           positions, default flush, over the same titles and bodies
#           (taken from khabar-index --extract, outside the timing);
#   t1, t2  khabar-index --threads 1 and 2 into a new index, everything
#           included (reading, extraction, entities, compaction);
# the median of RUNS runs each (default 3), one after the other in one
# run so that the ratios compare like with like, with khabar-index's peak
# RSS, the CPU seconds (user + system) of raw and of --threads 1, those
# of --threads 2's reading and writing threads (the
# writer's share bounds what a second core can give), and the index size
# before and after compaction.  SETS (default
# "r21578 fin") limits the sets, and may name input files of their own
# (e.g. /tmp/khabar-scale/corpus-100000.jsonl.gz, from
# bench/scale-corpus.py); FIN_FILES which years of 2006-2013.  With
# --threads 2 a full build is written by two writer threads into two
# parts merged at the end (docs/BENCHMARKS.md).
set -eu
build=${1:-build}
# Columns: set | articles | raw | t1 | t2 (seconds, articles/s) | t1/raw
# and t2/raw speed | CPU s raw / t1 / t2 | CPU s t2 reader / writers |
# peak RSS t1 / t2 | index size before -> after compaction | load average
# (1 minute) before the set.
runs=${2:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared/corpus"
index="$top/$build/khabar-index"
: "${SETS:=r21578 fin}"
: "${FIN_FILES:=2006 2007 2008 2009 2010 2011 2012 2013}"
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/khabar-bench-index.XXXXXX")
trap 'rm -rf "$work"' EXIT

files_of() {
    case $1 in
    r21578) ls "$shared"/reuters21578/reut2-*.sgm.gz ;;
    fin) for y in $FIN_FILES; do
             echo "$shared/reuters-financial-2006-2013/reuters-financial-$y.jsonl.gz"
         done ;;
    *) [ -f "$1" ] || { echo "bench/index.sh: no set or file $1" >&2; exit 2; }
       echo "$1" ;;
    esac
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

for set in $SETS; do
    files=$(files_of "$set")
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086
    "$index" --extract --quiet $files >"$work/texts.jsonl" 2>/dev/null || true
    articles=$(grep -c . "$work/texts.jsonl")
    : >"$work/raw" ; : >"$work/t1" ; : >"$work/t2"
    for run in $(seq 1 "$runs"); do
        rm -rf "$work/raw-db"
        /usr/bin/time -f '%U %S' -o "$work/cpu" \
            "$python" "$top/bench/raw_xapian.py" "$work/raw-db" "$work/texts.jsonl" \
            >"$work/out"
        echo "$(jq -r .seconds "$work/out") $(awk '{print $1 + $2}' "$work/cpu")" >>"$work/raw"
        for t in 1 2; do
            rm -rf "$work/db"
            # shellcheck disable=SC2086
            /usr/bin/time -f '%M %U %S' -o "$work/rss" \
                "$index" --db "$work/db" --threads "$t" --json $files \
                >"$work/out" 2>/dev/null || true
            # time(1) puts "Command exited with non-zero status 1" (for
            # the rejects) on a line of its own before the figures.
            echo "$(jq -r .seconds "$work/out") $(tail -1 "$work/rss" | awk '{print $1, $2 + $3}')" >>"$work/t$t"
            cp "$work/out" "$work/last$t"
        done
    done
    raw=$(cut -d' ' -f1 "$work/raw" | median)
    rawcpu=$(cut -d' ' -f2 "$work/raw" | median)
    cpu1=$(cut -d' ' -f3 "$work/t1" | median)
    cpu2=$(cut -d' ' -f3 "$work/t2" | median)
    t1=$(cut -d' ' -f1 "$work/t1" | median)
    t2=$(cut -d' ' -f1 "$work/t2" | median)
    rss1=$(cut -d' ' -f2 "$work/t1" | sort -n | tail -1)
    rss2=$(cut -d' ' -f2 "$work/t2" | sort -n | tail -1)
    awk -v set="${set##*/}" -v n="$articles" -v raw="$raw" -v t1="$t1" -v t2="$t2" \
        -v rss1="$rss1" -v rss2="$rss2" -v rawcpu="$rawcpu" -v cpu1="$cpu1" \
        -v cpu2="$cpu2" -v load="$load" \
        -v before="$(jq .compacted.before_bytes "$work/last2")" \
        -v after="$(jq .compacted.after_bytes "$work/last2")" \
        -v rcpu="$(jq .threads.reader_cpu_seconds "$work/last2")" \
        -v wcpu="$(jq .threads.writer_cpu_seconds "$work/last2")" 'BEGIN {
        printf "| %s | %d | %.1f s, %.0f/s | %.1f s, %.0f/s | %.1f s, %.0f/s | %.2f | %.2f | %.1f / %.1f / %.1f | %.1f / %.1f | %.0f / %.0f MB | %.0f MB -> %.0f MB | %s |\n",
            set, n, raw, n / raw, t1, n / t1, t2, n / t2, raw / t1, raw / t2,
            rawcpu, cpu1, cpu2, rcpu, wcpu, rss1 / 1024, rss2 / 1024, before / 1e6, after / 1e6, load }'
done
