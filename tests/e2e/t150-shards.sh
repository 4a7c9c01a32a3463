#!/bin/sh
# Shards (docs/SCALING.md): the same articles in one index and in two
# shards (khabar-index --shards 2), the shards served by two xapian-tcpsrv
# on 127.0.0.1 and searched by one searchd as one index.  The top 20 ids
# and scores, the totals, the facets and the timelines must be those of
# the single index; so must they over the two shards as local paths.  A
# shard that goes down makes searchd answer 503 naming it, never hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tcpsrv.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    skip "sharded search" "xapian-tcpsrv is not installed (Debian xapian-tools)"
    done_testing
    exit 0
fi

# The articles: the examples, generated ones (so that ranking has enough
# to rank without ../shared), and Reuters 2006 when ../shared is there.
articles="$SCRATCH/articles.jsonl"
cp "$CORPUS/examples.jsonl" "$articles"
awk 'BEGIN {
    srand(8);
    n = split("oil bank rates market shares profit china trade talks " \
              "minister election court drought harvest port strike " \
              "inflation currency bond budget railway summit border " \
              "refinery pipeline wheat export import loan", w, " ");
    for (i = 1; i <= 600; i++) {
        title = w[int(rand() * n) + 1] " " w[int(rand() * n) + 1];
        body = "";
        len = 20 + int(rand() * 120);
        for (j = 0; j < len; j++)
            body = body " " w[int(rand() * rand() * n) + 1];
        printf "{\"id\":\"gen-%04d\",\"title\":\"%s\",\"body\":\"%s.\"," \
               "\"date\":\"20%02d-%02d-%02d\",\"source\":\"wire%d\"}\n",
               i, title, body, 10 + int(rand() * 12), 1 + int(rand() * 12),
               1 + int(rand() * 28), int(rand() * 3);
    }
}' >>"$articles"
reuters="$SHARED/corpus/reuters-financial-2006-2013/reuters-financial-2006.jsonl.gz"
if [ -r "$reuters" ]; then
    zcat "$reuters" | head -n 1000 >>"$articles"
    with_reuters=yes
else
    echo "# ../shared is absent: generated articles and the examples only"
    with_reuters=
fi

"$INDEX" --quiet --db "$SCRATCH/one" "$articles" ||
    { not_ok "index the articles into one index"; exit 1; }
"$INDEX" --quiet --shards 2 --db "$SCRATCH/two" "$articles" ||
    { not_ok "index the articles into two shards"; exit 1; }
n0=$("$INDEX" --stats --json --db "$SCRATCH/two/shard-0" | jq .articles)
n1=$("$INDEX" --stats --json --db "$SCRATCH/two/shard-1" | jq .articles)
all=$("$INDEX" --stats --json --db "$SCRATCH/one" | jq .articles)
check_eq "--shards 2 puts every article in exactly one shard" "$all" \
    "$((n0 + n1))"
check "both shards hold articles" test "$n0" -gt 0 -a "$n1" -gt 0

# A rerun leaves every article where it is: unchanged, none added.
"$INDEX" --json --shards 2 --db "$SCRATCH/two" "$articles" \
    >"$SCRATCH/rerun.json" 2>/dev/null
check_eq "a rerun of --shards 2 changes nothing" "0 $all" \
    "$(jq -s '[(map(.added + .updated) | add), (map(.unchanged) | add)] | map(tostring) | join(" ")' -r "$SCRATCH/rerun.json")"
"$INDEX" --quiet --shards 3 --db "$SCRATCH/two" "$articles" 2>"$SCRATCH/err"
check_eq "another number of shards is refused, saying why" "2 1" \
    "$? $(grep -c 'has 2 shards, not 3' "$SCRATCH/err")"

# --delete-missing and --rebuild work per shard: the generated articles
# in three files, one of them then removed.
mkdir "$SCRATCH/feed"
grep '"id":"gen-0[0-1]' "$articles" >"$SCRATCH/feed/a.jsonl"
grep '"id":"gen-0[2-3]' "$articles" >"$SCRATCH/feed/b.jsonl"
grep '"id":"gen-0[4-9]' "$articles" >"$SCRATCH/feed/c.jsonl"
"$INDEX" --quiet --shards 2 --db "$SCRATCH/feedidx" "$SCRATCH/feed" ||
    not_ok "index a directory into two shards"
gone=$(wc -l <"$SCRATCH/feed/b.jsonl")
rm "$SCRATCH/feed/b.jsonl"
"$INDEX" --json --shards 2 --delete-missing --db "$SCRATCH/feedidx" \
    "$SCRATCH/feed" >"$SCRATCH/deleted.json"
check_eq "--delete-missing over two shards deletes the removed file's articles" \
    "$gone" "$(jq -s 'map(.deleted) | add' "$SCRATCH/deleted.json")"
left=$(cat "$SCRATCH/feed/a.jsonl" "$SCRATCH/feed/c.jsonl" | wc -l)
check_eq "... and keeps the others" "$left" \
    "$("$INDEX" --stats --json --db "$SCRATCH/feedidx" | jq .articles)"
"$INDEX" --json --shards 2 --rebuild --db "$SCRATCH/feedidx" "$SCRATCH/feed" \
    >"$SCRATCH/rebuilt.json"
check_eq "--rebuild over two shards rebuilds each" "true true $left" \
    "$(jq -rs '[.[0].rebuilt, .[1].rebuilt, (map(.added) | add)] | map(tostring) | join(" ")' "$SCRATCH/rebuilt.json")"

start_tcpsrv "$SCRATCH/two/shard-0" || { not_ok "start xapian-tcpsrv"; exit 1; }
port0=$PORT pid0=$pid
start_tcpsrv "$SCRATCH/two/shard-1" || { not_ok "start xapian-tcpsrv"; exit 1; }
port1=$PORT pid1=$pid

QUERIES="oil
bank rates
\"central bank\"
market OR shares
china trade
profit -loss
strike OR harvest OR drought"

# answers NAME: every query's answer over the searchd at BASE, into
# $SCRATCH/NAME.*: the top hits, total and facets without collapse; the
# top hits collapsed (searchd's default); the timeline.
answers() {
    i=0
    printf '%s\n' "$QUERIES" | while IFS= read -r q; do
        i=$((i + 1))
        enc=$(jq -rn --arg q "$q" '$q | @uri')
        get "/search?q=$enc&size=60&facets=all&collapse=none" >"$SCRATCH/$1.$i.json"
        echo "$(status)" >"$SCRATCH/$1.$i.status"
        get "/search?q=$enc&size=60" >"$SCRATCH/$1.$i.collapsed"
        [ "$(status)" = 200 ] || echo "collapsed $(status)" >"$SCRATCH/$1.$i.status"
        get "/timeline?q=$enc&interval=month" >"$SCRATCH/$1.$i.timeline"
    done
}

# Hits of equal score may come in another order from shards (ties go by
# document number, which differs), so the top 20 are compared as the
# hits scoring at least the 20th score, by score then id.
top() {
    jq -c '(.hits | map(.score)) as $s
           | ($s[19] // $s[-1] // 0) as $cut
           | [.hits[] | select(.score >= $cut) | [.score, .id]]
           | sort_by(-.[0], .[1])' "$1"
}
# Collapsed, near-duplicates of equal score may come in another order
# from shards too, and which copy is kept follows that order ("strike OR
# harvest OR drought" kept other ids): so only the scores of the top 20
# stories are compared, which do not depend on the copy kept.
scores() { jq -c '[.hits[:20][].score]' "$1"; }
facets() { jq -cS '[.total, .facets]' "$1"; }
timeline() { jq -cS '.buckets' "$1"; }

# compare NAME LABEL: every answer of NAME against those of one index.
compare() {
    n=$(printf '%s\n' "$QUERIES" | wc -l)
    bad_top= bad_collapsed= bad_facets= bad_timeline= bad_status=
    for i in $(seq 1 "$n"); do
        [ "$(cat "$SCRATCH/$1.$i.status")" = 200 ] || bad_status="$bad_status $i"
        [ "$(top "$SCRATCH/one.$i.json")" = "$(top "$SCRATCH/$1.$i.json")" ] ||
            bad_top="$bad_top $i"
        [ "$(scores "$SCRATCH/one.$i.collapsed")" = \
          "$(scores "$SCRATCH/$1.$i.collapsed")" ] ||
            bad_collapsed="$bad_collapsed $i"
        [ "$(facets "$SCRATCH/one.$i.json")" = "$(facets "$SCRATCH/$1.$i.json")" ] ||
            bad_facets="$bad_facets $i"
        [ "$(timeline "$SCRATCH/one.$i.timeline")" = \
          "$(timeline "$SCRATCH/$1.$i.timeline")" ] || bad_timeline="$bad_timeline $i"
    done
    check_eq "$2: every search answers 200" "" "$bad_status"
    check_eq "$2: top 20 ids and scores as in one index (queries failing:$bad_top)" "" "$bad_top"
    check_eq "$2: collapsed, the top 20 scores as in one index (queries failing:$bad_collapsed)" "" "$bad_collapsed"
    check_eq "$2: totals and facets as in one index" "" "$bad_facets"
    check_eq "$2: timelines as in one index" "" "$bad_timeline"
}

start_searchd "$SCRATCH/one" || { not_ok "start searchd over one index"; exit 1; }
answers one
get "/export?q=bank&format=jsonl" | wc -l >"$SCRATCH/one.export"
stop_searchd
# The scores are meaningful: the top hits of "oil" do not all tie.
check "the single index ranks (distinct scores among the top hits)" \
    test "$(jq '[.hits[:20][].score] | unique | length' "$SCRATCH/one.1.json")" -gt 5

start_searchd "tcp://127.0.0.1:$port0" --db "tcp://127.0.0.1:$port1" \
    --remote-timeout 5 || { not_ok "start searchd over two tcp:// shards"; exit 1; }
answers remote
compare remote "two tcp:// shards"
check_eq "two tcp:// shards: export finds as many" "$(cat "$SCRATCH/one.export")" \
    "$(get '/export?q=bank&format=jsonl' | wc -l)"
get "/search?q=bank&sort=newest&size=5" >/dev/null
check_eq "two tcp:// shards: newest first works" 200 "$(status)"
get "/search?q=bank&sort=oldest&size=5" >/dev/null
check_eq "two tcp:// shards: oldest first works" 200 "$(status)"
get "/search?q=bank&recency=30&size=5" >"$SCRATCH/recency.json"
check_eq "two tcp:// shards: recency works" 200 "$(status)"
get "/search?q=bank&collapse=near&size=5" >/dev/null
check_eq "two tcp:// shards: collapse works" 200 "$(status)"
id=$(jq -r '.hits[0].id' "$SCRATCH/remote.1.json")
get "/article?id=$(jq -rn --arg id "$id" '$id | @uri')" >/dev/null
check_eq "two tcp:// shards: an article is found by id" 200 "$(status)"
get "/similar/$(jq -rn --arg id "$id" '$id | @uri')" >/dev/null
check_eq "two tcp:// shards: similar articles" 200 "$(status)"
get "/suggest?prefix=ba" >/dev/null
check_eq "two tcp:// shards: suggestions" 200 "$(status)"
check_eq "two tcp:// shards: /stats lists both, with every article" \
    "2 $all" "$(get /stats | jq -r '[(.shards | length), .articles] | map(tostring) | join(" ")')"
check_eq "two tcp:// shards: /healthz lists both as remote" "true true" \
    "$(get /healthz | jq -r '[.shards[].remote] | map(tostring) | join(" ")')"

# One shard goes down: a clear 503 naming it, in well under the timeout.
kill "$pid0"
sleep 0.2
body=$(curl -s -m 20 -o - -w '\n%{http_code}' "$BASE/search?q=oil")
check_eq "a shard down: /search answers 503" 503 "$(printf '%s\n' "$body" | tail -n 1)"
check_eq "a shard down: the error names the shard" "shard_unavailable 1" \
    "$(printf '%s\n' "$body" | head -n 1 | jq -r --arg p "$port0" \
        '[.error.code, (.error.message | contains("tcp://127.0.0.1:" + $p) | if . then 1 else 0 end)] | map(tostring) | join(" ")')"
check_eq "a shard down: /healthz answers 503" 503 \
    "$(curl -s -m 20 -o /dev/null -w '%{http_code}' "$BASE/healthz")"
# Back up on the same port: searchd recovers by itself.
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port0" "$SCRATCH/two/shard-0" \
    >"$SCRATCH/tcpsrv-again.log" 2>&1 &
TCPSRV_PIDS="$TCPSRV_PIDS $!"
for _ in $(seq 1 100); do
    grep -q '^Listening' "$SCRATCH/tcpsrv-again.log" 2>/dev/null && break
    sleep 0.05
done
get "/search?q=oil" >/dev/null
check_eq "the shard back: /search answers 200 again" 200 "$(status)"

# A shard that hangs (stopped, with the process serving searchd's
# connection): 503 once --remote-timeout has passed, not a hung request.
# The server forks a process per connection: stop it and its children.
family="$pid1 $(ps -o pid= --ppid "$pid1" | tr '\n' ' ')"
kill -s STOP $family
code=$(curl -s -m 60 -o "$SCRATCH/hang.json" -w '%{http_code}' "$BASE/search?q=oil")
kill -s CONT $family
check_eq "a shard that hangs: 503 shard_unavailable, not a hang" \
    "503 shard_unavailable" "$code $(jq -r .error.code "$SCRATCH/hang.json" 2>/dev/null)"

# A nightly --rebuild of one shard while it is served: xapian-tcpsrv sees
# the new generation only on a new connection; searchd makes one.
"$INDEX" --quiet --rebuild --shard 1/2 --db "$SCRATCH/two/shard-1" "$articles" ||
    not_ok "--rebuild --shard 1/2 of a served shard"
total=$(get '/search?q=oil' | jq .total)
check_eq "a served shard rebuilt: the next search answers as before" \
    "200 $(jq .total "$SCRATCH/one.1.json")" "$(status) $total"
stop_searchd
stop_tcpsrv

start_searchd "$SCRATCH/two" || { not_ok "start searchd over a directory of shards"; exit 1; }
answers local
compare local "a directory of two local shards"
stop_searchd

start_searchd "$SCRATCH/two/shard-0" --db "$SCRATCH/two/shard-1" ||
    { not_ok "start searchd over two local paths"; exit 1; }
answers paths
compare paths "two local shard paths"
stop_searchd

# --shard I/N alone: each part into an index of its own, as N machines
# would; together the same shards as --shards builds.
"$INDEX" --quiet --shard 0/2 --db "$SCRATCH/part0" "$articles" &&
"$INDEX" --quiet --shard 1/2 --db "$SCRATCH/part1" "$articles" ||
    not_ok "--shard I/N runs"
check_eq "--shard 0/2 holds what --shards 2 put in shard-0" "$n0" \
    "$("$INDEX" --stats --json --db "$SCRATCH/part0" | jq .articles)"
[ -n "$with_reuters" ] || echo "# Reuters part skipped: ../shared is absent"
done_testing
