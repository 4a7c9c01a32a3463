#!/bin/sh
# GET /suggest (title-word completion), GET /stats (what the index holds)
# and GET /metrics (Prometheus text), with their errors.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
printf '%s\n' \
    '{"id":"s1","title":"Talibanism and Talks","body":"x","source":"BBC Persian","date":"2020-01-05"}' \
    '{"id":"s2","title":"Talks again","body":"y","source":"BBC Persian"}' \
    '{"id":"s3","title":"گفتگوهای صلح","body":"z","source":"BBC Persian"}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index extra articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# --- /suggest ----------------------------------------------------------------
get '/suggest?prefix=ta' >"$SCRATCH/s.json"
check_eq "/suggest answers 200" 200 "$(status)"
check "it lists title words starting with the prefix" \
    jq -e '(.suggestions | length > 0) and all(.suggestions[]; .word | startswith("ta"))' "$SCRATCH/s.json"
check "most frequent first, each with its article count" \
    jq -e '[.suggestions[].articles] as $a | $a == ($a | sort | reverse) and .suggestions[0].word == "talks"' "$SCRATCH/s.json"
expected=$( (jq -r .title "$CORPUS/examples.jsonl"; echo 'Talks again'; echo 'Talibanism and Talks') |
    tr 'A-Z' 'a-z' | grep -cw talks)
check_eq "the count is the number of titles holding the word" "$expected" \
    "$(jq '.suggestions[] | select(.word == "talks") | .articles' "$SCRATCH/s.json")"
check_eq "the prefix is case-insensitive" "$(jq -c .suggestions "$SCRATCH/s.json")" \
    "$(get '/suggest?prefix=TA' | jq -c .suggestions)"
check "at most 10 suggestions" jq -e '.suggestions | length <= 10' "$SCRATCH/s.json"
# Words come back as indexed: normalised (Persian yeh as Arabic yeh).
check "non-ASCII prefixes work" \
    sh -c "curl -s '$BASE/suggest?prefix=$(printf %s 'گف' | jq -sRr @uri)' | jq -e '.suggestions[0].word | startswith(\"گفتگوها\")'"
get '/suggest?prefix=qqzz' >"$SCRATCH/s0.json"
check_eq "a prefix nothing starts with gives an empty list" "200 0" \
    "$(status) $(jq '.suggestions | length' "$SCRATCH/s0.json")"
err() { get "$1" >"$SCRATCH/e.json"; echo "$(status) $(jq -r .error.code "$SCRATCH/e.json")"; }
check_eq "no prefix is 400 missing_parameter" "400 missing_parameter" "$(err '/suggest')"
check_eq "a one-character prefix is 400 bad_parameter" "400 bad_parameter" "$(err '/suggest?prefix=t')"
check_eq "one non-ASCII character is still too short" "400 bad_parameter" \
    "$(err "/suggest?prefix=$(printf %s 'گ' | jq -sRr @uri)")"
check_eq "a prefix over 64 bytes is 400 bad_parameter" "400 bad_parameter" \
    "$(err "/suggest?prefix=$(head -c 65 /dev/zero | tr '\0' a)")"
check_eq "a prefix that is not UTF-8 is 400" "400 bad_parameter" "$(err '/suggest?prefix=%ff%fe')"
check_eq "a prefix with a NUL is 400" "400 bad_parameter" "$(err '/suggest?prefix=ab%00')"

# --- /stats ------------------------------------------------------------------
get '/stats' >"$SCRATCH/st.json"
check_eq "/stats answers 200" 200 "$(status)"
check_eq "it counts the articles (as /healthz does)" \
    "$(get /healthz | jq .documents)" "$(jq .articles "$SCRATCH/st.json")"
check_eq "and the distinct sources" 3 "$(jq .sources.count "$SCRATCH/st.json")"
check_eq "top sources by article count, as written" \
    '[{"source":"news.example.org","articles":8},{"source":"wire.example.net","articles":7},{"source":"BBC Persian","articles":3}]' \
    "$(jq -c .sources.top "$SCRATCH/st.json")"
check_eq "the span of dates" '{"first":"2020-01-05","last":"2021-03-12"}' \
    "$(jq -c .dates "$SCRATCH/st.json")"
# The generation the stub names (a first build is compacted into a
# generation of its own, docs/OPERATIONS.md).
live=$(sed -n 's/^glass gen-0*\([0-9][0-9]*\)$/\1/p' "$db/XAPIANDB")
check_eq "the revision and the generation" "$(get /healthz | jq .revision) $live" \
    "$(jq -r '"\(.revision) \(.generation)"' "$SCRATCH/st.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/stats")
check_eq "POST /stats is 405" 405 "$code"

# --- /metrics ----------------------------------------------------------------
curl -s -D "$SCRATCH/h" -o "$SCRATCH/m.txt" "$BASE/metrics"
check "/metrics is Prometheus text 0.0.4" \
    grep -qi '^Content-Type: text/plain; version=0.0.4' "$SCRATCH/h"
check "and is never cached" grep -qi '^Cache-Control: no-store' "$SCRATCH/h"
check "it counts requests by route and status" \
    sh -c "grep -q '^khabar_requests_total{route=\"/suggest\",status=\"200\"} 4$' '$SCRATCH/m.txt' &&
           grep -q '^khabar_requests_total{route=\"/suggest\",status=\"400\"} 6$' '$SCRATCH/m.txt' &&
           grep -q '^khabar_requests_total{route=\"/stats\",status=\"405\"} 1$' '$SCRATCH/m.txt'"
check "with a latency histogram per route" \
    sh -c "grep -q '^khabar_request_duration_seconds_bucket{route=\"/stats\",le=\"+Inf\"} 2$' '$SCRATCH/m.txt' &&
           grep -q '^khabar_request_duration_seconds_count{route=\"/stats\"} 2$' '$SCRATCH/m.txt' &&
           grep -q '^khabar_request_duration_seconds_sum{route=\"/stats\"} [0-9.]*$' '$SCRATCH/m.txt' &&
           grep -q '^# TYPE khabar_request_duration_seconds histogram$' '$SCRATCH/m.txt'"
check "buckets are cumulative" \
    sh -c "grep '^khabar_request_duration_seconds_bucket{route=\"/suggest\"' '$SCRATCH/m.txt' |
           awk '{ if (\$2 < p) exit 1; p = \$2 }'"
check "and the index's articles and revision" \
    sh -c "grep -q '^khabar_index_articles $(jq .articles "$SCRATCH/st.json")$' '$SCRATCH/m.txt' &&
           grep -q '^khabar_index_revision $(jq .revision "$SCRATCH/st.json")$' '$SCRATCH/m.txt'"
# The default --threads is one per core (at most 64); this scrape is the
# only request running, on a worker of its own.
cores=$(getconf _NPROCESSORS_ONLN)
[ "$cores" -gt 64 ] && cores=64
check_eq "and the workers: --threads of them, one busy (this scrape), none waiting" \
    "$cores 1 0" \
    "$(awk '/^khabar_workers / { w = $2 } /^khabar_workers_busy / { b = $2 }
            /^khabar_requests_waiting / { q = $2 } END { print w, b, q }' "$SCRATCH/m.txt")"
get '/no/such/thing' >/dev/null
get '/../../etc/passwd' >/dev/null
check "unknown paths count under one label, route=\"other\"" \
    sh -c "curl -s '$BASE/metrics' | grep -q '^khabar_requests_total{route=\"other\",status=\"404\"} 2$'"
check "id routes count under their pattern" \
    sh -c "curl -s '$BASE/article/s1' >/dev/null; curl -s '$BASE/metrics' | grep -q '^khabar_requests_total{route=\"/article/{id}\",status=\"200\"} 1$'"
curl -s -o "$SCRATCH/m.txt" "$BASE/metrics"
check_eq "every line is a comment or a sample" "" \
    "$(grep -v '^# \(HELP\|TYPE\) ' "$SCRATCH/m.txt" | grep -v '^[a-z_]*\({\([a-z]*="[^"]*",\?\)*}\)\? [0-9.e+-]*$')"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
