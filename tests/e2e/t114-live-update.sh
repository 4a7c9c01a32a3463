#!/bin/sh
# Issue 5 item 10: revisions committed by khabar-index while searchd
# serves are seen without a restart and without one failed request, and
# new articles are searchable within 5 s of the indexer's exit.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
start_searchd "$db" --threads 4 || { not_ok "start searchd"; exit 1; }
rev0=$(get /healthz | jq .revision)

# load N: requests of every kind, one after another, until the stop file
# appears; each status goes to codes.N.
load() {
    while [ ! -e "$SCRATCH/stop" ]; do
        for path in '/search?q=liveword' '/search?q=Doha+talks' '/healthz' \
            '/article/example-001' '/similar/example-001' \
            '/timeline?q=liveword&q=Doha&interval=day' '/suggest?prefix=li' \
            '/stats' '/export?q=Doha&format=jsonl'; do
            curl -s -o /dev/null -w '%{http_code} %{url_effective}\n' "$BASE$path"
        done
    done >"$SCRATCH/codes.$1"
}
load 1 & l1=$!
load 2 & l2=$!
load 3 & l3=$!

# 600 new articles in three runs of khabar-index, each committing every 50:
# many revisions, some landing while a request reads the one before.  (A
# reader loses its revision at the second commit after it, and searchd
# retries on the newest one READER_MAX_RETRIES times; with commits every 10
# tiny articles, milliseconds apart, a slow search under ASan can lose
# every retry.  docs/API.md, "Updates while serving".)
for run in 1 2 3; do
    seq $(((run - 1) * 200 + 1)) $((run * 200)) |
        awk '{printf "{\"id\":\"live-%d\",\"title\":\"Live article %d\",\"body\":\"liveword number %d\",\"date\":\"2022-01-%02d\"}\n", $1, $1, $1, ($1 % 28) + 1}' \
        >"$SCRATCH/live$run.jsonl"
    "$INDEX" --db "$db" --batch 50 --quiet "$SCRATCH/live$run.jsonl" ||
        not_ok "khabar-index run $run failed"
done
# The clock starts when the last indexer has exited.
start=$(date +%s%N)
seen=
while :; do
    total=$(curl -s "$BASE/search?q=liveword" | jq .total)
    now=$(date +%s%N)
    [ "$total" = 600 ] && { seen=$(((now - start) / 1000000)); break; }
    [ $((now - start)) -gt 10000000000 ] && break
    sleep 0.05
done
check "all 600 new articles are searchable within 5 s of the indexer's exit (took ${seen:-more than 10000} ms)" \
    sh -c "[ -n '$seen' ] && [ '$seen' -le 5000 ]"
touch "$SCRATCH/stop"
wait "$l1" "$l2" "$l3"
cat "$SCRATCH"/codes.* >"$SCRATCH/codes"
requests=$(wc -l <"$SCRATCH/codes" | tr -d ' ')
check "the load ran while indexing (${requests} requests)" sh -c "[ '$requests' -ge 50 ]"
check_eq "not one request failed during the commits" "" "$(grep -v '^200 ' "$SCRATCH/codes" | head -5)"
rev1=$(get /healthz | jq .revision)
check "searchd moved to a new revision without a restart ($rev0 -> $rev1)" \
    sh -c "[ '$rev1' -ge $((rev0 + 12)) ] && kill -0 $SEARCHD_PID"
check_eq "the timeline counts the new articles too" 600 \
    "$(get '/timeline?q=liveword&interval=year' | jq '.queries[0].total')"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
