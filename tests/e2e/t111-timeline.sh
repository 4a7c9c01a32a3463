#!/bin/sh
# GET /timeline: exact counts per day, week, month and year for several
# queries in one answer, each also as a share of all articles of the
# bucket; and each of its errors.
. "$(dirname "$0")/lib.sh"

# Dates chosen for the edges: 2021-01-03 is a Sunday in ISO week 2020-W53,
# 2021-01-04 the Monday of 2021-W01; one date carries a time; one article
# has none.
db="$SCRATCH/dates"
printf '%s\n' \
    '{"id":"d1","title":"alpha","body":"one","date":"2020-12-31"}' \
    '{"id":"d2","title":"alpha beta","body":"two","date":"2021-01-03"}' \
    '{"id":"d3","title":"beta","body":"three","date":"2021-01-04"}' \
    '{"id":"d4","title":"alpha","body":"four","date":"2021-01-04T23:30:00+04:30"}' \
    '{"id":"d5","title":"gamma","body":"five","date":"2021-02-10"}' \
    '{"id":"d6","title":"alpha","body":"six, undated"}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index the dated articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# buckets URL: the buckets as "key all counts..." lines.
buckets() { get "$1" | jq -r '.buckets[] | [.key, .start, .all, .counts[]] | map(tostring) | join(" ")'; }

check_eq "interval=week: ISO weeks from Monday, with all and per-query counts" \
"2020-W53 2020-12-28 2 2 1
2021-W01 2021-01-04 2 1 1
2021-W06 2021-02-08 1 0 0" "$(buckets '/timeline?q=alpha&q=beta&interval=week')"
check_eq "the answer is 200" 200 "$(status)"
check_eq "interval=day" \
"2020-12-31 2020-12-31 1 1
2021-01-03 2021-01-03 1 1
2021-01-04 2021-01-04 2 1
2021-02-10 2021-02-10 1 0" "$(buckets '/timeline?q=alpha&interval=day')"
check_eq "interval=month (the default)" \
"2020-12 2020-12-01 1 1
2021-01 2021-01-01 3 2
2021-02 2021-02-01 1 0" "$(buckets '/timeline?q=alpha')"
check_eq "interval=year" \
"2020 2020-01-01 1 1
2021 2021-01-01 4 2" "$(buckets '/timeline?q=alpha&interval=year')"
get '/timeline?q=alpha&q=beta&interval=week' >"$SCRATCH/t.json"
check_eq "each query has its exact total and undated count" \
    '[{"q":"alpha","total":4,"undated":1},{"q":"beta","total":2,"undated":0}]' \
    "$(jq -c .queries "$SCRATCH/t.json")"
check_eq "so do all articles" '{"total":6,"undated":1}' "$(jq -c .all "$SCRATCH/t.json")"
check_eq "shares are the count over all articles of the bucket" \
    "[1,0.5] [0.5,0.5] [0,0]" "$(jq -r '[.buckets[] | .shares | tostring] | join(" ")' "$SCRATCH/t.json")"
check "it names the revision and the interval" \
    jq -e '.revision >= 1 and .interval == "week"' "$SCRATCH/t.json"
check_eq "five queries are allowed" 200 \
    "$(get '/timeline?q=a&q=b&q=c&q=d&q=e' >/dev/null; status)"
check_eq "a query that matches nothing has no counts, but the buckets stay" \
    "0 0 3" "$(get '/timeline?q=zzz' | jq -r '"\(.queries[0].total) \([.buckets[].counts[0]] | add) \(.buckets | length)"')"
stop_searchd

# --- exact against an independent count, over corpus/ ---------------------
db="$SCRATCH/corpus"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }
expected=$(jq -r 'select((.title + " " + .body) | ascii_downcase | test("ceasefire")) | .date[:7]' \
    "$CORPUS/examples.jsonl" | sort | uniq -c | awk '{print $2, $1}')
get '/timeline?q=ceasefire' >"$SCRATCH/c.json"
check_eq "monthly counts of 'ceasefire' match the articles' own dates" \
    "$expected" "$(jq -r '.buckets[] | select(.counts[0] > 0) | "\(.key) \(.counts[0])"' "$SCRATCH/c.json")"
check_eq "dated plus undated is the exact total of /search" \
    "$(get '/search?q=ceasefire' | jq .total)" \
    "$(jq '([.buckets[].counts[0]] | add) + .queries[0].undated' "$SCRATCH/c.json")"
check_eq "all articles per month match the corpus" \
    "$(jq -r 'select(.date != null) | .date[:7]' "$CORPUS/examples.jsonl" | sort | uniq -c | awk '{print $2, $1}')" \
    "$(jq -r '.buckets[] | "\(.key) \(.all)"' "$SCRATCH/c.json")"

# --- errors -----------------------------------------------------------------
err() { get "$1" >"$SCRATCH/e.json"; echo "$(status) $(jq -r .error.code "$SCRATCH/e.json")"; }
check_eq "no q is 400 missing_parameter" "400 missing_parameter" "$(err '/timeline?interval=day')"
check_eq "six queries are 400 bad_parameter" "400 bad_parameter" \
    "$(err '/timeline?q=a&q=b&q=c&q=d&q=e&q=f')"
check "and the message says at most 5" jq -e '.error.message | test("at most 5")' "$SCRATCH/e.json"
for bad in hour Month '' 'day%00'; do
    check_eq "interval='$bad' is 400 bad_parameter" "400 bad_parameter" \
        "$(err "/timeline?q=a&interval=$bad")"
done
check_eq "a query that does not parse is 400 query_syntax" "400 query_syntax" \
    "$(err '/timeline?q=a&q=%28b')"
check_eq "a q that is not UTF-8 is 400 bad_parameter" "400 bad_parameter" "$(err '/timeline?q=%ff')"
check_eq "a q with a NUL is 400 bad_parameter" "400 bad_parameter" "$(err '/timeline?q=a%00b')"
check_eq "a q over 1,024 bytes is 400 bad_parameter" "400 bad_parameter" \
    "$(err "/timeline?q=$(head -c 1025 /dev/zero | tr '\0' a)")"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
