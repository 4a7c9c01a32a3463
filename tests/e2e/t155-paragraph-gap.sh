#!/bin/sh
# para:( ) over long paragraphs (docs/QUERY.md "Same paragraph"): words of
# one paragraph up to 1,000 words apart are found together, words of two
# paragraphs never; an index written before the gap of 1,000 (no
# khabar.paragraph-gap metadata) keeps the window of 101 its gap allows,
# and adding to it does not claim the new gap.
. "$(dirname "$0")/lib.sh"

# words N: N filler words.
words() { yes filler | head -n "$1" | tr '\n' ' '; }
jq -cn --arg w800 "$(words 800)" --arg w20 "$(words 20)" '
  {id:"long", title:"Talks", body:("Atmar " + $w800 + "Lavrov met.")},
  {id:"apart", title:"Talks", body:("Atmar " + $w20 + "spoke.\n\nLavrov " + $w20 + "answered.")}
' >"$SCRATCH/a.jsonl"
db="$SCRATCH/index"
"$INDEX" --db "$db" "$SCRATCH/a.jsonl" >/dev/null || { not_ok "index the articles"; exit 1; }
check_eq "a new index records its gap" 1000 \
    "$(xapian-metadata get "$db" khabar.paragraph-gap)"
start_searchd "$db" || { not_ok "start searchd"; exit 1; }
ids() { get "/search?$1" | jq -r '[.hits[].id] | sort | join(" ")'; }
check_eq "words 800 apart in one paragraph are found together" "long" \
    "$(ids 'q=para:(Atmar+Lavrov)')"
check_eq "words of neighbouring paragraphs are not" "long" \
    "$(ids 'q=para:(Lavrov+Atmar)')"
check_eq "both articles have both words" "apart long" "$(ids 'q=Atmar+Lavrov')"
stop_searchd

# An index as the gap of 100 left it: no key.
xapian-metadata set "$db" khabar.paragraph-gap "" ||
    { not_ok "remove the key"; exit 1; }
jq -cn '{id:"late", title:"Talks", body:"Atmar met Lavrov."}' >"$SCRATCH/b.jsonl"
"$INDEX" --db "$db" "$SCRATCH/b.jsonl" >/dev/null || { not_ok "add to the old index"; exit 1; }
check_eq "adding to an old index does not claim the new gap" "" \
    "$(xapian-metadata get "$db" khabar.paragraph-gap)"
start_searchd "$db" || { not_ok "restart searchd"; exit 1; }
check_eq "an old index keeps the window of 101" "late" \
    "$(ids 'q=para:(Atmar+Lavrov)')"
check "parsed shows NEAR 101" \
    sh -c "curl -s '$BASE/search?q=para:(Atmar+Lavrov)' | jq -e '.parsed | contains(\"NEAR 101\")'"
stop_searchd

# Searched together with an index written with the new gap, the old one
# would take its window: searchd refuses, naming both and the key.
jq -cn '{id:"new", title:"Talks", body:"Atmar met Lavrov."}' >"$SCRATCH/c.jsonl"
"$INDEX" --db "$SCRATCH/new" "$SCRATCH/c.jsonl" >/dev/null || { not_ok "index a new one"; exit 1; }
"$SEARCHD" --db "$SCRATCH/new" --db "$db" --listen 127.0.0.1:0 >/dev/null 2>"$SCRATCH/mixed.err"
check_eq "an old and a new index together: exit 2" 2 "$?"
check "the message names the old index and the key" \
    grep -q "index $db and index $SCRATCH/new were written differently (metadata khabar.paragraph-gap)" "$SCRATCH/mixed.err"
done_testing
