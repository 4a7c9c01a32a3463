#!/bin/sh
# bench/shards.sh [BUILD [SECONDS]] - what searching shards costs (not part
# of make test; docs/SCALING.md, "What shards cost").  Indexes one year of
# Reuters (../shared) into one index and into two shards, serves the
# shards with two xapian-tcpsrv on 127.0.0.1, and runs the same 52
# queries for SECONDS (default 6) over one index, two local shards and two
# tcp:// shards, with facets and collapse off and on, three rounds each;
# prints one line per run: "where facets collapse n p50 p95" (ms).
set -eu
build=${1:-build}
seconds=${2:-6}
top=$(cd "$(dirname "$0")/.." && pwd)
input=$top/../shared/corpus/reuters-financial-2006-2013/reuters-financial-2007.jsonl.gz
[ -r "$input" ] || { echo "bench/shards.sh: $input is missing" >&2; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/khabar-shards.XXXXXX")
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$scratch"' EXIT

cc -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -I"$top/shim" \
    "$top/bench/shard_queries.c" -o "$scratch/shard-queries" \
    "$top/$build/libkhabar.a" $(pkg-config --libs xapian-core) -lstdc++ -lm
"$top/$build/khabar-index" --quiet --db "$scratch/one" "$input"
"$top/$build/khabar-index" --quiet --shards 2 --db "$scratch/two" "$input"
printf '%s\n' oil bank "central bank" rates market shares profit china \
    trade talks "interest rates" inflation dollar euro bond yields \
    "oil prices" merger acquisition earnings loss growth economy \
    "federal reserve" subprime mortgage credit crisis stocks "wall street" \
    japan yen exports imports gold fund investors "hedge fund" debt loan \
    ipo bid deal sale opec crude gas energy airline "bank rates" \
    "stock market" forecast >"$scratch/queries"

# Two servers in sessions of their own (xapian-tcpsrv signals its process
# group on SIGTERM), on ports that are free.
ports=
for i in 0 1; do
    for try in 1 2 3 4 5; do
        port=$(awk -v s="$$$i$try" 'BEGIN { srand(s); print 20000 + int(rand() * 40000) }')
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" \
            "$scratch/two/shard-$i" >"$scratch/srv$i.$try" 2>&1 &
        pid=$!
        sleep 0.5
        if grep -q '^Listening' "$scratch/srv$i.$try"; then
            pids="$pids $pid" ports="$ports $port"
            break
        fi
        kill "$pid" 2>/dev/null || true
    done
done
set -- $ports
[ $# -eq 2 ] || { echo "bench/shards.sh: xapian-tcpsrv did not start" >&2; exit 1; }
tcp="tcp://127.0.0.1:$1 tcp://127.0.0.1:$2"

echo "# bench/shards.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for options in "0 0" "1 0" "0 1" "1 1"; do
    set -- $options
    for round in 1 2 3; do
        for where in one two-local two-tcp; do
            case $where in
            one) locations=$scratch/one ;;
            two-local) locations=$scratch/two ;;
            two-tcp) locations=$tcp ;;
            esac
            # $locations is split on purpose: one argument per shard.
            printf '%s %s %s ' "$where" "$1" "$2"
            FACETS=$1 COLLAPSE=$2 "$scratch/shard-queries" "$seconds" \
                "$scratch/queries" $locations
        done
    done
done
