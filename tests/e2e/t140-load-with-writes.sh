#!/bin/sh
# Load with writes (issue 9 item 4): for KHABAR_LOAD_SECONDS (60 s; 20 s
# against the sanitizer build, build/san), or until the indexer is done if
# that is later, two clients send searches of many kinds and article
# lookups over loopback, without pause, while khabar-index adds 10,000
# articles in commits of 500 (from the end of a warm-up of a sixth).  No answer may be a
# 5xx or a failed connection, searchd must not crash, its resident memory
# must stay within 10 % over a further stretch of load once the index has
# stopped growing (its per-revision tables grow with the index), and every
# added article must be searchable at the end.
. "$(dirname "$0")/lib.sh"

case "$KHABAR_BUILD" in */san) default_seconds=20 ;; *) default_seconds=60 ;; esac
seconds=${KHABAR_LOAD_SECONDS:-$default_seconds}
warmup=$((seconds / 6 > 2 ? seconds / 6 : 2))
n=10000

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
# Article N has the words kwN%97 and kwN%13 (shared, so result sets of
# every size) and lduN (its own).
seq 1 $n | awk '{printf "{\"id\":\"load-%d\",\"title\":\"Load article %d kw%d\",\"body\":\"Loadword kw%d and kw%d, a body for the load test; its own word is ldu%d.\",\"date\":\"2021-%02d-%02d\"}\n", $1, $1, $1 % 13, $1 % 97, $1 % 13, $1, ($1 % 12) + 1, ($1 % 28) + 1}' \
    >"$SCRATCH/load.jsonl"
start_searchd "$db" --threads 2 || { not_ok "start searchd"; exit 1; }
before=$(get /healthz | jq .documents)

# client K: until the stop file appears, batches of 8 requests on one
# curl (keep-alive), each status and path on a line of codes.K.
client() {
    i=$1
    while [ ! -e "$SCRATCH/stop" ]; do
        i=$((i + 1))
        a=$(( (i * 7919) % n + 1 ))
        set -- "/search?q=kw$((i % 97))" "/search?q=kw$((i % 13))+loadword&page=$((i % 5 + 1))" \
            "/search?q=ldu$a" "/article/load-$a" "/article?id=load-$(( (a * 31) % n + 1 ))" \
            "/search?q=%22load+article%22&sort=newest&size=$((i % 20 + 1))" \
            "/search?q=kw$((i % 97))+kw$((i % 13))&op=or" "/search?q=Doha+talks"
        args=
        for p in "$@"; do args="$args -: -s -m 30 -o /dev/null -w %{http_code}_%{url_effective}\\n $BASE$p"; done
        # shellcheck disable=SC2086 # word splitting wanted: paths hold no spaces
        curl ${args# -: } || echo "000_curl_exit_$?"
    done >"$SCRATCH/codes.$2"
}
client 0 1 & c1=$!
client 5000 2 & c2=$!

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$SEARCHD_PID/status" 2>/dev/null; }
t0=$(date +%s)
sleep "$warmup"
rss0=$(rss)
( "$INDEX" --db "$db" --batch 500 --quiet "$SCRATCH/load.jsonl" >"$SCRATCH/index.out" 2>&1
  s=$?; echo "$(( $(date +%s) - t0 ))" >"$SCRATCH/index.end"; exit $s ) &
indexer=$!
sleep $((seconds - warmup))
# The load goes on until the indexer is done too (under ASan it can take
# longer than the 20 s), so that every commit lands under load.
wait "$indexer"; index_status=$?
# Searchd's per-revision tables (near-duplicate hashes, facets) grow with
# the index, by design: memory is compared from when the index stopped
# growing and every worker has read its last revision, over a further
# stretch of the same load, so what grows then is what requests leak.
sleep 2
rss_grown=$(rss)
sleep "$warmup"
rss1=$(rss)
touch "$SCRATCH/stop"
wait "$c1" "$c2"
elapsed=$(( $(date +%s) - t0 ))

check_eq "khabar-index added $n articles in commits of 500, exit 0" 0 "$index_status"
cat "$SCRATCH"/codes.* >"$SCRATCH/codes"
requests=$(wc -l <"$SCRATCH/codes" | tr -d ' ')
echo "# the indexer ran from ${warmup} s to $(cat "$SCRATCH/index.end") s"
echo "# $requests requests in ${elapsed} s; by status: $(cut -c1-3 "$SCRATCH/codes" | sort | uniq -c | tr -s ' \n' ' ')"
check "the load ran the whole time ($requests requests in ${elapsed} s)" \
    sh -c "[ '$requests' -ge $((seconds * 10)) ] && [ '$elapsed' -ge '$seconds' ]"
check_eq "no answer was a 5xx, nor a failed connection" "" \
    "$(grep -v -e '^200_' -e '^404_' "$SCRATCH/codes" | head -5)"
check_eq "every 404 is an article not yet indexed" "" \
    "$(grep '^404_' "$SCRATCH/codes" | grep -v '/article' | head -5)"
check "searchd is still running" kill -0 "$SEARCHD_PID"
name="its memory stayed flat: VmRSS ${rss0} kB after the warm-up, ${rss_grown} kB once the index stopped growing, ${rss1} kB ${warmup} s later (within 10 %)"
case "$KHABAR_BUILD" in
*/san) # ASan keeps freed memory in quarantine (256 MB) and its allocator
       # never gives memory back: there RSS grows whatever searchd does.
       # LeakSanitizer's check at the clean stop below stands in for it.
       skip "$name" "ASan's allocator holds freed memory" ;;
*) check "$name" sh -c "[ -n '$rss_grown' ] && [ -n '$rss1' ] &&
       [ $((rss1 * 10)) -le $((rss_grown * 11)) ] && [ $((rss1 * 10)) -ge $((rss_grown * 9)) ]" ;;
esac
check_eq "/healthz counts every added article" "$((before + n))" "$(get /healthz | jq .documents)"
check_eq "the last article is found by its own word" "1 load-$n" \
    "$(get "/search?q=ldu$n" | jq -r '"\(.total) \(.hits[0].id)"')"
kill -TERM "$SEARCHD_PID"; wait "$SEARCHD_PID"
check_eq "searchd stops cleanly, exit 0 (under ASan: and leaks nothing)" 0 $?
SEARCHD_PID=
check_eq "searchd logged no error" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err" | head -5)"
done_testing
