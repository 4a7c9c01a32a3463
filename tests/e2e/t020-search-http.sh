#!/bin/sh
# khabar-searchd's HTTP API over corpus/: ranking, exact totals, paging,
# the revision, and JSON errors for bad requests.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

get '/search?q=Doha+talks+ceasefire' >"$SCRATCH/r.json"
check_eq "the seed query answers 200" 200 "$(status)"
check_eq "the seed article ranks first for 'Doha talks ceasefire'" \
    "MoFA: Russia Opposes Return of Taliban Regime" "$(jq -r '.hits[0].title' "$SCRATCH/r.json")"
check "every hit has id, title, url, date, score and snippet" \
    jq -e '.hits | length > 0 and all(has("id") and has("title") and has("url") and has("date") and (.score|type=="number") and has("snippet"))' "$SCRATCH/r.json"
check "the snippet marks the matching words" \
    jq -e '.hits[0].snippet | test("<mark>(Doha|talks|ceasefire)</mark>")' "$SCRATCH/r.json"
check "every word is required: each hit contains all three" \
    sh -c "for id in \$(jq -r '.hits[].id' '$SCRATCH/r.json'); do
        curl -s '$BASE/article?id='\"\$(printf %s \"\$id\" | jq -sRr @uri)\" |
        jq -e '.article | (.title + \" \" + .body) | ascii_downcase |
            test(\"doha\") and test(\"talk\") and test(\"ceasefire\")' >/dev/null || exit 1; done"

# The total is exact: count the articles holding the word independently.
expected=$( (jq -r '.title + " " + .body' "$CORPUS/examples.jsonl"; tr '\n' ' ' <"$CORPUS/tolonews-170327.txt"; echo) |
    grep -ci 'ceasefire')
get '/search?q=ceasefire' >"$SCRATCH/c.json"
check_eq "total counts every article that mentions 'ceasefire'" "$expected" "$(jq .total "$SCRATCH/c.json")"

get '/search?q=Taliban&size=2&page=1' >"$SCRATCH/p1.json"
get '/search?q=Taliban&size=2&page=2' >"$SCRATCH/p2.json"
check_eq "size limits the page" 2 "$(jq '.hits | length' "$SCRATCH/p1.json")"
check "page 2 continues page 1 without overlap" \
    sh -c "[ \"\$(jq -r '.hits[].id' '$SCRATCH/p1.json' '$SCRATCH/p2.json' | sort | uniq -d)\" = '' ] &&
           [ \"\$(jq '.hits[0].rank' '$SCRATCH/p2.json')\" = 3 ]"
check_eq "the total does not depend on the page" \
    "$(jq .total "$SCRATCH/p1.json")" "$(jq .total "$SCRATCH/p2.json")"

revision=$(get /healthz | jq .revision)
check "healthz answers 200 with the document count and revision" \
    sh -c "[ \"\$(cat '$SCRATCH/status')\" = 200 ] && [ '$revision' -ge 1 ]"
check_eq "a search names the revision it read" "$revision" "$(jq .revision "$SCRATCH/r.json")"

get '/no/such/path' >"$SCRATCH/e.json"
check_eq "an unknown path is 404" 404 "$(status)"
check_eq "with a JSON error code" not_found "$(jq -r .error.code "$SCRATCH/e.json")"
get '/search' >"$SCRATCH/e.json"
check_eq "a search without q is 400" "400 missing_parameter" "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
for bad in size=0 size=101 size=abc page=0 page=-1 page=1x; do
    get "/search?q=Doha&$bad" >"$SCRATCH/e.json"
    param=${bad%%=*}
    check_eq "$bad is 400 bad_parameter naming '$param'" "400 bad_parameter 1" \
        "$(status) $(jq -r .error.code "$SCRATCH/e.json") $(jq -r ".error.message | contains(\"'$param'\") | if . then 1 else 0 end" "$SCRATCH/e.json")"
done
get '/search?q=%28Doha+talks' >"$SCRATCH/e.json"
check_eq "a query with a syntax error is 400 query_syntax" "400 query_syntax" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
check "its message says where" jq -e '.error.message | test("column [0-9]+")' "$SCRATCH/e.json"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/search?q=Doha")
check_eq "POST is 405" 405 "$code"
check_eq "searchd still answers after the bad requests" 200 \
    "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")"
# Standard error holds the access log (one line per request, starting with
# the time) and nothing else: no error lines.
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
