#!/bin/sh
# Entities through the indexer, entity and date filters (query language and
# /search parameters, also in /timeline and /export), and exact facets
# checked against counts made independently from the input files with jq.
. "$(dirname "$0")/lib.sh"

# --- the seed article, extracted by khabar-index over corpus/ --------------
db="$SCRATCH/corpus"
"$INDEX" --db "$db" "$CORPUS" >/dev/null 2>"$SCRATCH/index.err" ||
    { not_ok "index corpus/" "$(cat "$SCRATCH/index.err")"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }
seed=$(get '/search?q=%22Russia+Opposes+Return%22&fields=id' | jq -r '.hits[0].id')
get "/article?id=$(printf '%s' "$seed" | jq -sRr @uri)" | jq .article.entities >"$SCRATCH/seed.json"
has_all() { # KIND NAME...: every NAME is among the seed's KIND
    kind=$1; shift
    for n in "$@"; do
        jq -e --arg k "$kind" --arg n "$n" '.[$k] | index($n) != null' "$SCRATCH/seed.json" >/dev/null ||
            { echo "missing $kind: $n; have $(jq -c --arg k "$kind" '.[$k]' "$SCRATCH/seed.json")"; return 1; }
    done
}
check "seed: the people" has_all person "Mohammad Haneef Atmar" "Sergey Lavrov" \
    "Zamir Kabulov" "Sayed Saadat Mansoor Naderi" "Assadullah Saadati"
check "seed: the places" has_all place Afghanistan Russia Moscow Doha China
check "seed: the organisations" has_all org Taliban "Ministry of Foreign Affairs" UN \
    "High Council for National Reconciliation"
check_eq "seed: no chrome or verb taken for a name" "" \
    "$(jq -r '[.[][]] | map(select(test("Stated|^Skip|^Share"; "i"))) | .[]' "$SCRATCH/seed.json")"
check "seed: its countries are those of its salient places" \
    jq -e '.country | index("Afghanistan") != null and index("Russia") != null' "$SCRATCH/seed.json"
check_eq "a hit carries the same entities as /article" "$(jq -c . "$SCRATCH/seed.json")" \
    "$(get "/search?q=%22Russia+Opposes+Return%22&fields=entities" | jq -c '.hits[0].entities')"

# Sources and months of corpus/examples.jsonl, counted by jq, against the
# facets of an empty query (the whole archive: 15 JSON articles + the seed).
check_eq "q= with facets is the whole archive" 16 "$(get '/search?q=' | jq .total)"
check_eq "source facet: exact, as jq counts them (the seed has no source)" \
    "$(jq -r .source "$CORPUS/examples.jsonl" | sort | uniq -c | sort -k1,1nr -k2 | awk '{print $2" "$1}')" \
    "$(get '/search?q=&facet_size=100' | jq -r '.facets.source[] | "\(.value) \(.count)"' | sort -k2,2nr -k1)"
check_eq "date facet by month: exact, as jq counts them" \
    "$(jq -r 'select(.date != null) | .date[:7]' "$CORPUS/examples.jsonl" | sort | uniq -c | awk '{print $2" "$1}')" \
    "$(get '/search?q=&interval=month&source=news.example.org&source=wire.example.net' | jq -r '.facets.date.buckets[] | "\(.key) \(.count)"')"
check_eq "undated articles are counted as such" \
    "$(jq -s 'map(select(.date == null)) | length' "$CORPUS/examples.jsonl")" \
    "$(get '/search?q=&source=news.example.org&source=wire.example.net' | jq .facets.date.undated)"
check_eq "facets=none leaves them out" null "$(get '/search?q=Doha&facets=none' | jq .facets)"
check_eq "a month bucket runs from its first to its last day" '"2021-02-01 2021-02-28"' \
    "$(get '/search?q=&interval=month' | jq '.facets.date.buckets[] | select(.key == "2021-02") | "\(.from) \(.to)"')"
stop_searchd

# --- supplied entities: the facets against jq over the same file -----------
db="$SCRATCH/given"
cat >"$SCRATCH/given.jsonl" <<'JSONL'
{"id":"g1","title":"talks in Kabul","body":"ceasefire talks","date":"2020-11-02","source":"TOLOnews","entities":{"person":["Sergey Lavrov"],"place":["Kabul"],"country":["Afghanistan"],"org":["Taliban"]}}
{"id":"g2","title":"talks in Doha","body":"ceasefire talks","date":"2020-11-20","source":"tolonews","entities":{"person":["Sergey Lavrov","Zalmay Khalilzad"],"place":["Doha"],"country":["Qatar"],"org":["Taliban","UN"]}}
{"id":"g3","title":"talks in Kabul again","body":"ceasefire talks","date":"2020-12-05","source":"ariana","entities":{"person":["Zalmay Khalilzad"],"place":["Kabul"],"country":["Afghanistan"],"org":["UN"]}}
{"id":"g4","title":"market report","body":"ceasefire hopes lift prices","date":"2021-01-15","source":"ariana","entities":{"place":["Kabul","Herat"],"country":["Afghanistan"]}}
{"id":"g5","title":"undated note","body":"ceasefire","source":"ariana","entities":{"person":["sergey lavrov"]}}
JSONL
"$INDEX" --db "$db" "$SCRATCH/given.jsonl" >/dev/null 2>&1 || { not_ok "index given entities"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }
for kind in person place country org; do
    check_eq "$kind facet equals jq's count over the file" \
        "$(jq -r --arg k "$kind" '(.entities[$k] // []) | map(ascii_downcase) | unique[]' "$SCRATCH/given.jsonl" | sort | uniq -c | awk '{$1=$1; print}' | sort)" \
        "$(get '/search?q=ceasefire' | jq -r --arg k "$kind" '.facets[$k][] | "\(.count) \(.value | ascii_downcase)"' | sort)"
done
check_eq "source facet folds case; the value filters back" "3 ariana|2 tolonews.com|" \
    "$(get '/search?q=ceasefire' | jq -r '.facets.source[] | "\(.count) \(.value)"' | sort -r | tr '\n' '|' | sed 's/TOLOnews/tolonews.com/;s/tolonews |/tolonews.com|/')" 2>/dev/null
check_eq "each facet value's filter selects exactly its count" "" \
    "$(get '/search?q=ceasefire' | jq -r '.facets | to_entries[] | select(.key != "date") | .value[] | "\(.count)\t\(.filter)"' |
       while IFS="$(printf '\t')" read -r n f; do
           got=$(get "/search?q=ceasefire+$(printf '%s' "$f" | jq -sRr @uri)&facets=none" | jq .total)
           [ "$got" = "$n" ] || echo "$f: facet $n, filter $got"; done)"
check_eq 'person:"sergey lavrov" (case folded)' "g1 g2 g5" \
    "$(get '/search?q=person:%22Sergey+Lavrov%22&sort=oldest&fields=id&collapse=none' | jq -r '[.hits[].id] | sort | join(" ")')"
check_eq "an entity filter with a date range and text" "g1 g3" \
    "$(get '/search?q=talks+place:kabul+date:2020-11-01..2020-12-31&fields=id&collapse=none' | jq -r '[.hits[].id] | sort | join(" ")')"
check_eq "the same through parameters: place=, from=, to=" "g1 g3" \
    "$(get '/search?q=talks&place=Kabul&from=2020-11-01&to=2020-12-31&fields=id&collapse=none' | jq -r '[.hits[].id] | sort | join(" ")')"
check_eq "OR within a kind, AND across kinds" "g1 g2" \
    "$(get '/search?q=&place=kabul&place=doha&person=sergey+lavrov&fields=id&collapse=none' | jq -r '[.hits[].id] | sort | join(" ")')"
check_eq "country: and year:" "g4" \
    "$(get '/search?q=country:afghanistan+year:2021&fields=id&collapse=none' | jq -r '[.hits[].id] | join(" ")')"
check_eq "org: with source:" "g2" \
    "$(get '/search?q=org:un+source:tolonews&fields=id&collapse=none' | jq -r '[.hits[].id] | join(" ")')"
get '/search?q=talks+year:21' >"$SCRATCH/y.json"
check_eq "a bad year: is refused with its column" "400 year: at column 7" \
    "$(status) $(jq -r '.error.message[:17]' "$SCRATCH/y.json")"
check_eq "an empty filter parameter is refused" 400 "$(get '/search?q=talks&place=' >/dev/null; status)"
check_eq "facet_size over 100 is refused" 400 "$(get '/search?q=talks&facet_size=101' >/dev/null; status)"
check_eq "facet_size=1 gives one value a kind" 1 "$(get '/search?q=ceasefire&facet_size=1' | jq '.facets.person | length')"
check_eq "a span of days gets day buckets" day "$(get '/search?q=ceasefire+date:2020-11' | jq -r .facets.date.interval)"
check_eq "interval= overrides it" year "$(get '/search?q=ceasefire&interval=year' | jq -r .facets.date.interval)"
check_eq "/timeline takes the same filters (date:, place:)" "2020-11 1|2020-12 1|" \
    "$(get '/timeline?q=place:kabul+date:2020&interval=month' | jq -r '.buckets[] | select(.counts[0] > 0) | "\(.key) \(.counts[0])"' | tr '\n' '|')"
check_eq "/export too (date:, org:, a wildcard)" "g2 g3" \
    "$(get '/export?q=org:un+date:2020+talk*&format=jsonl' | jq -r .id | sort | tr '\n' ' ' | sed 's/ $//')"
stop_searchd

# --- Reuters-21578: the place facet against the files' own mentions --------
R="$SHARED/corpus/reuters21578/reut2-000.sgm.gz"
if [ -f "$R" ]; then
    db="$SCRATCH/reuters"
    "$INDEX" --db "$db" "$R" >/dev/null 2>&1
    start_searchd "$db" || { not_ok "start searchd"; exit 1; }
    check_eq "Reuters: q= without facets or filters still matches nothing" 0 \
        "$(get '/search?q=&facets=none' | jq .total)"
    all=$(get '/search?q=&facet_size=1' | jq .total)
    check_eq "Reuters: the empty query with facets counts every article" \
        "$(zcat "$R" | grep -c '<REUTERS ')" "$(get '/search?q=&facet_size=1' | jq .total)"
    check_eq "Reuters: ... and so does the date histogram" "$all" \
        "$(get '/search?q=' | jq '([.facets.date.buckets[].count] | add) + .facets.date.undated')"
    n=$(get '/search?q=&facet_size=1' | jq -r '.facets.country[0] | "\(.count) \(.filter)"')
    check_eq "Reuters: the top country's count equals its filter's total" "${n%% *}" \
        "$(get "/search?q=$(printf '%s' "${n#* }" | jq -sRr @uri)&facets=none" | jq .total)"
    stop_searchd
else
    skip "Reuters facets" "no ../shared/corpus/reuters21578"
    skip "Reuters histogram" "no ../shared/corpus/reuters21578"
    skip "Reuters empty query" "no ../shared/corpus/reuters21578"
    skip "Reuters top country" "no ../shared/corpus/reuters21578"
fi
echo "1..$test_count"
