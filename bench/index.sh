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
# bench/scale-corpus.py); FIN_FILES which years of 2006-2013; THREADS
# (default "1 2") which khabar-index runs (THREADS=2 for the million,
# whose --threads 1 run would take over an hour); KEEP_DB=DIR keeps the
# last --threads 2 index there (replacing DIR), e.g. for bench/scale.sh to
# measure queries on the same build.  With
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
: "${THREADS:=1 2}"
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
        rm -rf "$work/raw-db"   # the million's is over 10 GB: make room
        for t in $THREADS; do
            rm -rf "$work/db"
            # shellcheck disable=SC2086
            /usr/bin/time -v -o "$work/time$t" \
                "$index" --db "$work/db" --threads "$t" --json $files \
                >"$work/out" 2>/dev/null || true
            [ -f "$work/time$t" ] || : >"$work/time$t"
            rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time$t")
            cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$work/time$t" |
                  awk '{s += $1} END {print s}')
            echo "$(jq -r .seconds "$work/out") $rss $cpu" >>"$work/t$t"
            cp "$work/out" "$work/last$t"
            # Kept as bench/scale.sh keeps its own build, summary and
            # time(1) output beside it.
            if [ "$t" = 2 ] && [ -n "${KEEP_DB:-}" ] && [ -d "$work/db" ]; then
                rm -rf "$KEEP_DB" && mv "$work/db" "$KEEP_DB"
                cp "$work/out" "$KEEP_DB.summary"
                cp "$work/time$t" "$KEEP_DB.time"
            fi
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
        -v before="$(jq .compacted.before_bytes "$work/last2" 2>/dev/null)" \
        -v after="$(jq .compacted.after_bytes "$work/last2" 2>/dev/null)" \
        -v rcpu="$(jq .threads.reader_cpu_seconds "$work/last2" 2>/dev/null)" \
        -v wcpu="$(jq .threads.writer_cpu_seconds "$work/last2" 2>/dev/null)" '
    # A run not asked for (THREADS) shows as "-".
    function none(v)  { return v == "" || v == "null" || v + 0 == 0 }
    function run(s)   { return none(s) ? "-" : sprintf("%.1f s, %.0f/s", s, n / s) }
    function ratio(s) { return none(s) || none(raw) ? "-" : sprintf("%.2f", raw / s) }
    function num(v, f, d) { return v == "" || v == "null" ? "-" : sprintf(f, v / (d ? d : 1)) }
    BEGIN {
        printf "| %s | %d | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s | %s / %s MB | %s MB -> %s MB | %s |\n",
            set, n, run(raw), run(t1), run(t2), ratio(t1), ratio(t2),
            num(rawcpu, "%.1f"), num(cpu1, "%.1f"), num(cpu2, "%.1f"),
            num(rcpu, "%.1f"), num(wcpu, "%.1f"),
            num(rss1, "%.0f", 1024), num(rss2, "%.0f", 1024),
            num(before, "%.0f", 1e6), num(after, "%.0f", 1e6), load
    }'
done
