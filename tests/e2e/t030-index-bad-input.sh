#!/bin/sh
# Bad input gets a clear error naming file and line, costs only itself,
# and never loses what is already indexed.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
count() {
    start_searchd "$db" >/dev/null || return 1
    get /healthz | jq .documents
    stop_searchd
}
before=$(count)

bad="$SCRATCH/bad.jsonl"
cat >"$bad" <<'JSONL'
{"id":"bad-1","title":"A fine article","body":"Its body is fine."}
{"id":"bad-2","title":"Broken JSON", "body": }
{"id":"bad-3","body":"A body with a date that does not exist","date":"2021-02-30"}
{"id":"bad-4","url":"https://example.org/x"}
["not", "an", "object"]
{"id":"bad-6","title":42}

{"id":"bad-8","title":"Another fine article","body":"Also fine."}
JSONL
"$INDEX" --db "$db" "$bad" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "a file with rejected lines exits 1" 1 $?
check "the summary counts 2 added and 5 rejected" \
    grep -q "^khabar-index: 2 added, 0 updated, 0 unchanged, 0 deleted, 0 skipped, 5 rejected" "$SCRATCH/out"
check "invalid JSON is reported with file, line and column" \
    grep -q "^khabar-index: $bad:2: column [0-9]*: invalid JSON" "$SCRATCH/err"
check "an impossible date is reported with its line" \
    grep -q "^khabar-index: $bad:3: .*2021-02-30" "$SCRATCH/err"
check "an article without title or body is reported with its line" \
    grep -q "^khabar-index: $bad:4: article has neither 'title' nor 'body'" "$SCRATCH/err"
check "a line that is not an object is reported" \
    grep -q "^khabar-index: $bad:5: expected a JSON object" "$SCRATCH/err"
check "a field of the wrong type is named" \
    grep -q "^khabar-index: $bad:6: field 'title' must be a string" "$SCRATCH/err"
check_eq "the blank line is not an error" "" "$(grep ":$bad:7:" "$SCRATCH/err")"
check_eq "nothing already indexed was lost" "$((before + 2))" "$(count)"

"$INDEX" --db "$db" "$SCRATCH/missing.jsonl" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "a missing file exits 1" 1 $?
check "a missing file is named" \
    grep -q "^khabar-index: $SCRATCH/missing.jsonl: cannot open: No such file" "$SCRATCH/err"

"$INDEX" "$bad" >/dev/null 2>"$SCRATCH/err"
check_eq "no --db is a usage error, exit 2" "2 1" "$? $(grep -c -- '--db DIR is required' "$SCRATCH/err")"
"$INDEX" --db "$db" --format pdf "$bad" >/dev/null 2>"$SCRATCH/err"
check_eq "an unknown --format is a usage error naming it" "2 1" "$? $(grep -c "unknown format 'pdf'" "$SCRATCH/err")"
"$INDEX" --db "$SCRATCH/damaged" "$CORPUS" >/dev/null
for f in "$SCRATCH"/damaged/gen-*/postlist.glass; do printf "garbage where a B-tree was" >"$f"; done
"$INDEX" --db "$SCRATCH/damaged" "$bad" >/dev/null 2>"$SCRATCH/err"
check_eq "a damaged index exits 2 (fatal)" 2 $?
check "the error names the index" grep -q "index $SCRATCH/damaged" "$SCRATCH/err"
printf 'not a directory\n' >"$SCRATCH/plainfile"
"$INDEX" --db "$SCRATCH/plainfile" "$bad" >/dev/null 2>"$SCRATCH/err"
check_eq "an index that cannot be written (--db is a file) exits 2, naming it" \
    "2 1" "$? $(grep -c "$SCRATCH/plainfile" "$SCRATCH/err")"

gzip -c "$CORPUS/examples.jsonl" >"$SCRATCH/examples.jsonl.gz"
"$INDEX" --db "$SCRATCH/gz" "$SCRATCH/examples.jsonl.gz" >"$SCRATCH/out" 2>&1
check "gzipped JSON Lines are read through zlib" \
    grep -q "^khabar-index: $(grep -c . "$CORPUS/examples.jsonl") added, .* 0 rejected" "$SCRATCH/out"
gzip -c "$CORPUS/tolonews-170327.txt" | "$INDEX" --db "$SCRATCH/stdin" - >"$SCRATCH/out" 2>&1
check "a gzipped page on standard input is read" \
    grep -q "^khabar-index: 1 added, .* 0 rejected" "$SCRATCH/out"
printf 'Headline with bad \351 bytes\n\nA body paragraph with \377 a bad byte.\n' >"$SCRATCH/latin.txt"
"$INDEX" --db "$SCRATCH/utf8" "$SCRATCH/latin.txt" >"$SCRATCH/out" 2>&1
check "a page that is not UTF-8 is indexed" \
    grep -q "^khabar-index: 1 added" "$SCRATCH/out"
start_searchd "$SCRATCH/utf8" >/dev/null
check "its answer is valid JSON, the page read as Windows-1252" \
    sh -c "curl -s '$BASE/search?q=headline' | jq -e '.hits[0].title == \"Headline with bad \u00e9 bytes\"'"
done_testing
