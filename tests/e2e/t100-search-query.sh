#!/bin/sh
# /search's query language and options over HTTP (docs/QUERY.md): wildcards
# and their cap, date filters, same paragraph, op=or, sort, recency,
# near-duplicate collapse, fields, paging depth, parsed and suggestion.
. "$(dirname "$0")/lib.sh"

# One wire story under three URLs with small edits; two paragraph
# articles; three dated copies of another story.
P1="Afghan negotiators and Taliban representatives met in Doha on Saturday for a new round of talks on a ceasefire, officials said."
P2="The meeting, the first in three weeks, focused on a timetable for reducing violence across the country and on the exchange of prisoners held by both sides since the start of the year."
P3="Diplomats from Qatar and the United States attended the opening session, which lasted nearly four hours, according to two people familiar with the discussions."
jq -cn --arg p1 "$P1" --arg p2 "$P2" --arg p3 "$P3" '
  {id:"wire-1", url:"https://a.example/1", title:"Doha talks resume", date:"2021-02-27", source:"a.example", body:($p1+"\n\n"+$p2+"\n\n"+$p3)},
  {id:"wire-2", url:"https://b.example/2", title:"Doha talks resume", date:"2021-02-27", source:"b.example", body:(($p1|sub("a new";"a fresh"))+"\n\n"+$p2+"\n\n"+$p3+" (Reporting by staff)")},
  {id:"wire-3", url:"https://c.example/3", title:"Talks in Doha", date:"2021-02-28", source:"c.example", body:(($p1|sub("officials said";"officials told reporters"))+"\n\n"+$p2+"\n\n"+($p3|sub("two people";"people")))},
  {id:"para-1", title:"Moscow meeting", date:"2021-03-18", body:"Atmar met Lavrov in Moscow on Thursday.\n\nThe talks went on."},
  {id:"para-2", title:"Moscow meeting", date:"2021-03-19", body:"Atmar arrived in Moscow.\n\nLavrov spoke to reporters later."},
  {id:"old-1", title:"Envoys meet", date:"2019-05-01", body:"Hopes for a truce grew as envoys met in Kabul."},
  {id:"mid-1", title:"Envoys meet", date:"2020-06-15", body:"Hopes for a truce grew as envoys met in Kabul."},
  {id:"new-1", title:"Envoys meet", date:"2021-03-20", body:"Hopes for a truce grew as envoys met in Kabul."}
' >"$SCRATCH/a.jsonl"
db="$SCRATCH/index"
"$INDEX" --db "$db" "$SCRATCH/a.jsonl" >/dev/null || { not_ok "index the articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# ids QUERY_STRING: the hit ids, sorted, on one line.
ids() { get "/search?$1" | jq -r '[.hits[].id] | sort | join(" ")'; }

check_eq "a trailing wildcard finds every word it stands for" \
    "para-1 para-2" "$(ids 'q=lavr*')"
get '/search?q=r*' >"$SCRATCH/e.json"
check_eq "a wildcard under 1,000 terms runs" 200 "$(status)"
check_eq "date:YYYY-MM filters by month" "para-1 para-2" "$(ids 'q=moscow+date:2021-03')"
check_eq "date:FROM..TO filters a range" "mid-1 old-1" \
    "$(ids 'q=truce+date:2019-01-01..2020-12-31&collapse=none')"
check_eq "from= and to= do the same" "mid-1 old-1" \
    "$(ids 'q=truce&from=2019&to=2020-12&collapse=none')"
check_eq "an open range" "new-1" "$(ids 'q=truce+date:2021..&collapse=none')"
get '/search?q=doha+date:2021-13' >"$SCRATCH/e.json"
check_eq "a bad date: is 400 query_syntax" "400 query_syntax" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
check "saying where" jq -e '.error.message | startswith("date: at column 6 ")' "$SCRATCH/e.json"
get '/search?q=doha&from=2021-02-30' >"$SCRATCH/e.json"
check_eq "a bad from= is 400 bad_parameter naming it" "400 bad_parameter 1" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json") $(jq -r '.error.message | contains("'"'from'"'") | if . then 1 else 0 end' "$SCRATCH/e.json")"
get '/search?q=doha&from=2022&to=2021' >"$SCRATCH/e.json"
check_eq "to= before from= is 400" "400 bad_parameter" "$(status) $(jq -r .error.code "$SCRATCH/e.json")"

check_eq "para:( ) needs the words in one paragraph" "para-1" \
    "$(ids 'q=para:(Atmar+Lavrov)')"
check_eq "without it, anywhere in the article" "para-1 para-2" "$(ids 'q=Atmar+Lavrov')"
check "parsed shows the NEAR window" \
    sh -c "curl -s '$BASE/search?q=para:(Atmar+Lavrov)' | jq -e '.parsed | contains(\"NEAR 1001\")'"
check_eq "op=or needs only one word" "para-1 para-2" "$(ids 'q=Lavrov+nosuchword&op=or')"
check_eq "op=and (the default) needs all" "" "$(ids 'q=Lavrov+nosuchword')"
get '/search?q=doha&op=xor' >"$SCRATCH/e.json"
check_eq "op=xor is 400" "400 bad_parameter" "$(status) $(jq -r .error.code "$SCRATCH/e.json")"

get '/search?q=truce&sort=newest&collapse=none' >"$SCRATCH/s.json"
check_eq "sort=newest" "new-1 mid-1 old-1" "$(jq -r '[.hits[].id] | join(" ")' "$SCRATCH/s.json")"
get '/search?q=truce&sort=oldest&collapse=none' >"$SCRATCH/s.json"
check_eq "sort=oldest" "old-1 mid-1 new-1" "$(jq -r '[.hits[].id] | join(" ")' "$SCRATCH/s.json")"
get '/search?q=truce&recency=30&collapse=none' >"$SCRATCH/s.json"
check_eq "recency=30 puts the newest of equals first" "new-1 mid-1 old-1" \
    "$(jq -r '[.hits[].id] | join(" ")' "$SCRATCH/s.json")"
get '/search?q=truce&recency=0' >"$SCRATCH/e.json"
check_eq "recency=0 is 400" "400 bad_parameter" "$(status) $(jq -r .error.code "$SCRATCH/e.json")"

get '/search?q=doha+negotiators' >"$SCRATCH/c.json"
check_eq "the wire story under 3 URLs is one hit by default" 1 "$(jq '.hits | length' "$SCRATCH/c.json")"
check_eq "with 2 duplicates" 2 "$(jq '.hits[0].duplicates' "$SCRATCH/c.json")"
check_eq "total counts every match, unique the stories" "3 1 true" \
    "$(jq -r '"\(.total) \(.unique) \(.unique_exact)"' "$SCRATCH/c.json")"
get '/search?q=doha+negotiators&collapse=none' >"$SCRATCH/c.json"
check_eq "collapse=none shows all three" "3 0" \
    "$(jq -r '"\(.hits | length) \([.hits[].duplicates] | add)"' "$SCRATCH/c.json")"
check "and no unique count" jq -e 'has("unique") | not' "$SCRATCH/c.json"

get '/search?q=doha&fields=id,title' >"$SCRATCH/f.json"
check_eq "fields= selects what each hit carries" '["id","title"]' \
    "$(jq -c '[.hits[0] | keys[]] | sort' "$SCRATCH/f.json")"
get '/search?q=doha&fields=id,nosuch' >"$SCRATCH/e.json"
check_eq "an unknown field is 400" "400 bad_parameter" "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
check "naming it" jq -e '.error.message | contains("'"'nosuch'"'")' "$SCRATCH/e.json"
get '/search?q=doha&page=101&size=100' >"$SCRATCH/e.json"
check_eq "paging past 10,000 hits is 400 too_deep" "400 too_deep" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
check "pointing to /export" jq -e '.error.message | contains("/export")' "$SCRATCH/e.json"
get '/search?q=doha&page=100&size=100' >/dev/null
check_eq "exactly 10,000 is allowed" 200 "$(status)"

get '/search?q=Doha+talks' >"$SCRATCH/r.json"
check_eq "every answer has the revision and the parsed query" '"(doha@1 AND Ztalk@2)" true' \
    "$(jq -c '.parsed' "$SCRATCH/r.json") $(jq '.revision >= 1' "$SCRATCH/r.json")"
get '/search?q=talibn+ceasfire' >"$SCRATCH/r.json"
check_eq "a misspelt query gets a suggestion from the archive's words" \
    "0 taliban ceasefire" "$(jq -r '"\(.total) \(.suggestion)"' "$SCRATCH/r.json")"
get '/search?q=taliban+ceasefire' >"$SCRATCH/r.json"
check_eq "a query that finds articles gets none" '""' "$(jq -c .suggestion "$SCRATCH/r.json")"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
