#!/bin/sh
# GET /article/{id} (the path form of /article?id=) and GET /similar/{id}
# ("more like this"), with each of their errors.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
# Ids with a slash, a '+' and non-ASCII text, which the path form must
# carry percent-encoded.
printf '%s\n' \
    '{"id":"https://news.example.org/a/b?c=1","title":"Path id with a URL","body":"Doha talks resumed on Monday."}' \
    '{"id":"a+b c","title":"Plus and space","body":"Doha talks resumed on Tuesday."}' \
    '{"id":"خبر-۱","title":"خبر","body":"مذاکرات دوحه"}' |
    "$INDEX" --db "$db" --format jsonl - >/dev/null || { not_ok "index extra articles"; exit 1; }
start_searchd "$db" || { not_ok "start searchd"; exit 1; }

# --- /article/{id} ------------------------------------------------------
get '/article?id=example-001' >"$SCRATCH/q.json"
get '/article/example-001' >"$SCRATCH/p.json"
check_eq "/article/{id} answers 200" 200 "$(status)"
check_eq "with the same answer as /article?id=" \
    "$(jq -S . "$SCRATCH/q.json")" "$(jq -S . "$SCRATCH/p.json")"
check "it has the full text and every stored field" \
    jq -e '.article | (.body | length > 200) and has("id") and has("url") and has("title") and has("date") and has("source") and has("lang") and (.revision == null)' "$SCRATCH/p.json"
enc=$(printf %s 'https://news.example.org/a/b?c=1' | jq -sRr @uri)
check_eq "a percent-encoded URL id (slashes, '?') is found" \
    "Path id with a URL" "$(get "/article/$enc" | jq -r .article.title)"
check_eq "so is an id with '+' and a space" \
    "Plus and space" "$(get "/article/a%2Bb%20c" | jq -r .article.title)"
enc=$(printf %s 'خبر-۱' | jq -sRr @uri)
check_eq "and a non-ASCII id" "خبر" "$(get "/article/$enc" | jq -r .article.title)"
get '/article/no-such-id' >"$SCRATCH/e.json"
check_eq "an unknown id is 404 not_found" "404 not_found" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
get '/article/' >"$SCRATCH/e.json"
check_eq "an empty id is 400 bad_parameter" "400 bad_parameter" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
get '/article/example-001%00x' >"$SCRATCH/e.json"
check_eq "an id with an encoded NUL is 400, not a shorter id" "400 bad_parameter" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/article/example-001")
check_eq "POST /article/{id} is 405" 405 "$code"

# --- /similar/{id} ------------------------------------------------------
get '/similar/example-001' >"$SCRATCH/s.json"
check_eq "/similar/{id} answers 200" 200 "$(status)"
check "it never lists the article itself" \
    jq -e '[.hits[].id] | index("example-001") == null' "$SCRATCH/s.json"
check "hits are ranked, with id, title and a score" \
    jq -e '(.hits | length > 0) and ([.hits[].rank] == [range(1; (.hits|length) + 1)]) and all(.hits[]; has("id") and has("title") and (.score|type=="number"))' "$SCRATCH/s.json"
check "it names the terms it used: stems of the article's words" \
    jq -e '(.terms | length > 0 and length <= 40) and all(.terms[]; startswith("Z")) and (.terms | index("Zcontact") != null)' "$SCRATCH/s.json"
check "it names the revision" jq -e '.revision >= 1' "$SCRATCH/s.json"
get '/similar/https%3A%2F%2Fnews.example.org%2Fa%2Fb%3Fc%3D1?size=3' >"$SCRATCH/s2.json"
check "the article with the same words (Doha talks resumed) is among the nearest" \
    jq -e '[.hits[].id] | index("a+b c") != null' "$SCRATCH/s2.json"
check_eq "size limits the hits" 2 "$(get '/similar/example-001?size=2' | jq '.hits | length')"
for bad in size=0 size=51 size=x; do
    get "/similar/example-001?$bad" >"$SCRATCH/e.json"
    check_eq "$bad is 400 bad_parameter" "400 bad_parameter" \
        "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
done
get '/similar/no-such-id' >"$SCRATCH/e.json"
check_eq "an unknown id is 404 not_found" "404 not_found" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
get '/similar/' >"$SCRATCH/e.json"
check_eq "an empty id is 400 bad_parameter" "400 bad_parameter" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
get '/similar/%ff' >"$SCRATCH/e.json"
check_eq "an id that is not UTF-8 is 400 bad_parameter" "400 bad_parameter" \
    "$(status) $(jq -r .error.code "$SCRATCH/e.json")"
get '/similar/a%00' >"$SCRATCH/e.json"
check_eq "an id with an encoded NUL is 400" 400 "$(status)"
get '/similar' >"$SCRATCH/e.json"
check_eq "/similar without an id is 404" 404 "$(status)"
check_eq "searchd wrote no error lines" "" \
    "$(grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}Z ' "$SCRATCH/searchd.err")"
done_testing
