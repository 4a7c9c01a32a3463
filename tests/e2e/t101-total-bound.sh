#!/bin/sh
# searchd --total-bound N: /search counts the matches exactly while there
# are at most about N, and past that answers Xapian's estimate with
# "total_exact": false and "total_bounds"; without the option every total
# is exact, and facets keep totals exact whatever the bound.
. "$(dirname "$0")/lib.sh"

# 2,000 articles: "alpha" in every third, "beta" in every second, words
# repeated and lengths varied so that their weights differ.  "alpha beta"
# then matches every sixth article, a number Xapian cannot know without
# looking at each candidate.
awk 'BEGIN {
    for (i = 1; i <= 2000; i++) {
        body = "gamma"
        if (i % 3 == 0) for (k = 0; k <= i % 7; k++) body = body " alpha"
        if (i % 2 == 0) for (k = 0; k <= i % 5; k++) body = body " beta"
        for (k = 0; k < i % 13; k++) body = body " filler" k
        printf "{\"id\":\"b-%d\",\"title\":\"Article %d\",\"body\":\"%s.\"}\n", i, i, body
    }
}' >"$SCRATCH/bound.jsonl"
# The exact counts, made apart from Khabar.
many=$(awk 'BEGIN { for (i = 1; i <= 2000; i++) n += (i % 6 == 0); print n }')
few=$(awk 'BEGIN { for (i = 1; i <= 2000; i++) n += (i % 6 == 0 && i % 13 == 12); print n }')
"$INDEX" --quiet --db "$SCRATCH/db" "$SCRATCH/bound.jsonl" 2>"$SCRATCH/index.err" ||
    { not_ok "index the articles" "$(cat "$SCRATCH/index.err")"; exit 1; }

# --- the default: always exact -----------------------------------------
start_searchd "$SCRATCH/db" || { not_ok "start searchd"; exit 1; }
get '/search?q=alpha+beta&collapse=none&facets=none&size=1' >"$SCRATCH/d.json"
check_eq "no bound: the total is exact" "$many true null" \
    "$(jq -r '"\(.total) \(.total_exact) \(.total_bounds)"' "$SCRATCH/d.json")"
stop_searchd

# --- a bound of 100 ----------------------------------------------------
start_searchd "$SCRATCH/db" --total-bound 100 || { not_ok "start searchd --total-bound 100"; exit 1; }
get '/search?q=alpha+beta&collapse=none&facets=none&size=1' >"$SCRATCH/e.json"
check_eq "past the bound: 200, an estimate" "200 false" \
    "$(echo "$(status) $(jq -r .total_exact "$SCRATCH/e.json")")"
check "its bounds hold the exact count, the estimate and the bound" \
    jq -e --argjson n "$many" '.total_bounds as $b |
        $b.lower >= 100 and $b.lower <= $n and $n <= $b.upper and
        $b.lower <= .total and .total <= $b.upper and $b.lower < $b.upper' "$SCRATCH/e.json"
check "a page of hits all the same" jq -e '.hits | length == 1' "$SCRATCH/e.json"
get "/search?q=alpha+beta+filler11&collapse=none&facets=none&size=1" >"$SCRATCH/f.json"
check_eq "under the bound: exact, no bounds" "$few true false" \
    "$(jq -r '"\(.total) \(.total_exact) \(has("total_bounds"))"' "$SCRATCH/f.json")"
get '/search?q=gamma&collapse=none&facets=none&size=1' >"$SCRATCH/g.json"
check_eq "one word: Xapian knows its count exactly, whatever the bound" "2000 true" \
    "$(jq -r '"\(.total) \(.total_exact)"' "$SCRATCH/g.json")"
get '/search?q=alpha+beta&collapse=none&size=1' >"$SCRATCH/h.json"
check_eq "with facets every match is visited: exact" "$many true" \
    "$(jq -r '"\(.total) \(.total_exact)"' "$SCRATCH/h.json")"
check_eq "facet counts stay exact (the date facet counts every match as undated)" \
    "$many" "$(jq -r .facets.date.undated "$SCRATCH/h.json")"
get '/search?q=alpha+beta&facets=none&size=1' >"$SCRATCH/i.json"
check_eq "collapsing compares every match up to 1,000: exact" "$many true" \
    "$(jq -r '"\(.total) \(.total_exact)"' "$SCRATCH/i.json")"
stop_searchd

# --- bad values --------------------------------------------------------
for bad in -1 x 1000000001 ''; do
    "$SEARCHD" --db "$SCRATCH/db" --total-bound "$bad" >/dev/null 2>"$SCRATCH/bad.err"
    code=$?
    check_eq "--total-bound '$bad' is a usage error naming the option" \
        "2 1" "$code $(grep -c -- '--total-bound must be an integer from 0 to 1000000000' "$SCRATCH/bad.err")"
done

done_testing
