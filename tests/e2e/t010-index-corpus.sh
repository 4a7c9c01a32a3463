#!/bin/sh
# khabar-index over corpus/: the summary line, ids that make reruns
# idempotent, and the seed page indexed as one clean article.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
articles=$(( $(grep -c . "$CORPUS/examples.jsonl") + 1 ))

"$INDEX" --db "$db" "$CORPUS" >"$SCRATCH/first" 2>"$SCRATCH/first.err"
check_eq "first run exits 0" 0 $?
check "first run summary counts every corpus article as added" \
    grep -Eq "^khabar-index: $articles added, 0 updated, 0 unchanged, 0 deleted, 0 skipped, 0 rejected in [0-9.]+ s \(revision [0-9]+\)$" "$SCRATCH/first"
check_eq "first run prints nothing on stderr" "" "$(cat "$SCRATCH/first.err")"

"$INDEX" --db "$db" "$CORPUS" >"$SCRATCH/second" 2>&1
check_eq "second run exits 0" 0 $?
check "second run finds every article unchanged" \
    grep -Eq "^khabar-index: 0 added, 0 updated, $articles unchanged, 0 deleted, 0 skipped, 0 rejected" "$SCRATCH/second"

start_searchd "$db" || exit 1
check_eq "document count after two runs equals the articles in corpus/" \
    "$articles" "$(get /healthz | jq -r .documents)"

# The seed is a scraped page: find its id through a search on its title.
seed_id=$(get '/search?q=title:Taliban+title:Regime+title:MoFA' | jq -r '.hits[0].id')
get "/article?id=$(printf '%s' "$seed_id" | jq -sRr @uri)" >"$SCRATCH/seed.json"
check_eq "the seed's title is its headline, not chrome" \
    "MoFA: Russia Opposes Return of Taliban Regime" "$(jq -r .article.title "$SCRATCH/seed.json")"
jq -r .article.body "$SCRATCH/seed.json" >"$SCRATCH/seed.body"
for chrome in "Skip to main content" "Latest news" "Thumbnail" "Share this post"; do
    check "the seed's body has no chrome line '$chrome'" \
        sh -c "! grep -qxF '$chrome' '$SCRATCH/seed.body'"
done
# Every paragraph of the page, once: the page repeats its body, the index
# must not.
sentence="Afghans want an end to the bloodshed."
check_eq "the page itself holds the repeated sentence twice" 2 \
    "$(grep -oF "$sentence" "$CORPUS/tolonews-170327.txt" | wc -l | tr -d ' ')"
check_eq "the stored body holds the repeated sentence once" 1 \
    "$(grep -oF "$sentence" "$SCRATCH/seed.body" | wc -l | tr -d ' ')"
paragraphs=$(grep -v '^\s*$' "$CORPUS/tolonews-170327.txt" | sed 's/[[:space:]]*$//' | sort -u |
    grep -vxF -e "Skip to main content" -e "Latest news" -e "Thumbnail" \
        -e "Share this post" -e "MoFA: Russia Opposes Return of Taliban Regime" | wc -l)
check_eq "the stored body has each distinct paragraph of the page once" \
    "$paragraphs" "$(grep -c . "$SCRATCH/seed.body")"
check_eq "the stored body has no paragraph twice" "" \
    "$(grep . "$SCRATCH/seed.body" | sort | uniq -d)"
get "/search?q=%22Afghans+want+an+end+to+the+bloodshed%22" >"$SCRATCH/phrase.json"
check_eq "a phrase search for the repeated sentence finds one article" 1 \
    "$(jq .total "$SCRATCH/phrase.json")"
check_eq "its snippet holds the sentence once" 1 \
    "$(jq -r '.hits[0].snippet' "$SCRATCH/phrase.json" | sed 's/<[^>]*>//g' | grep -oF "bloodshed" | wc -l | tr -d ' ')"
done_testing
