#!/bin/sh
# khabar-index --extract: each article as JSON Lines, exactly as it would
# be indexed, without an index; text in Unicode NFC.
. "$(dirname "$0")/lib.sh"

cd "$SCRATCH" || exit 1
"$INDEX" --extract "$CORPUS" >out 2>err
check_eq "--extract over corpus/ exits 0 without --db" 0 $?
check_eq "one JSON line per corpus article" \
    "$(( $(grep -c . "$CORPUS/examples.jsonl") + 1 ))" "$(jq -c . out | wc -l | tr -d ' ')"
check "the summary goes to standard error" \
    grep -Eq "^khabar-index: [0-9]+ extracted, 0 skipped, 0 rejected in [0-9.]+ s$" err
check "every article has an id, a body and its origin" \
    jq -se 'all(.id and .body and (.origin | startswith("/")))' out
check_eq "no index was created" "err out" "$(ls | tr "\n" " " | sed "s/ $//")"
"$INDEX" --db "$SCRATCH/index" "$CORPUS/tolonews-170327.txt" >/dev/null 2>&1
start_searchd "$SCRATCH/index" || exit 1
id=$(jq -r 'select(.origin | endswith("tolonews-170327.txt")) | .id' out)
check_eq "the extracted body is the indexed body" \
    "$(get "/article?id=$id" | jq -r .article.body)" \
    "$(jq -r 'select(.origin | endswith("tolonews-170327.txt")) | .body' out)"
stop_searchd

# "Café" with e + U+0301 COMBINING ACUTE ACCENT: NFC makes it U+00E9.
printf '{"id":"nfc","title":"Cafe\\u0301 society","body":"Cafe\\u0301."}\n' |
    "$INDEX" --extract - >out 2>err
check_eq "text is normalised to NFC" "Café society" "$(jq -r .title out)"
"$INDEX" --extract --db "$SCRATCH/index" "$CORPUS" >/dev/null 2>err
check_eq "--extract with --db is a usage error, exit 2" "2 1" "$? $(grep -c 'leave out --db' err)"
printf '{"title":"ok"}\nnot json\n' | "$INDEX" --extract - >out 2>err
check_eq "--extract exits 1 when a record is rejected, printing the rest" "1 1" "$? $(grep -c . out)"
check "the rejected line is named" grep -q "^khabar-index: -:2: column" err
if [ -w /dev/full ]; then
    "$INDEX" --extract "$CORPUS" >/dev/full 2>err
    check_eq "--extract exits 2 when standard output cannot be written" 2 $?
else
    skip "--extract exits 2 when standard output cannot be written" "no /dev/full"
fi
done_testing
