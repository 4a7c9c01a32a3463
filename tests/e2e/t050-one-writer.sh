#!/bin/sh
# One writer at a time: a second khabar-index on a locked index exits 4
# with a message naming the index, and the first one's work is intact.
. "$(dirname "$0")/lib.sh"

db="$SCRATCH/index"
"$INDEX" --db "$db" "$CORPUS" >/dev/null
fifo="$SCRATCH/feed.jsonl"
mkfifo "$fifo"
# The first writer holds the lock while it waits for its input.
"$INDEX" --db "$db" --format jsonl "$fifo" >"$SCRATCH/first" 2>&1 &
first=$!
exec 3>"$fifo"
sleep 0.3
"$INDEX" --db "$db" "$CORPUS" >"$SCRATCH/second" 2>"$SCRATCH/second.err"
check_eq "a second writer exits 4" 4 $?
check "its message says the index is locked and names it" \
    grep -q "index $db is locked" "$SCRATCH/second.err"
echo '{"id":"while-locked","title":"Written by the first writer","body":"Body."}' >&3
exec 3>&-
wait "$first"
check_eq "the first writer finishes normally" 0 $?
check "and added its article" grep -q "^khabar-index: 1 added" "$SCRATCH/first"
start_searchd "$db" || exit 1
check_eq "the index holds the corpus and the new article" \
    $(( $(grep -c . "$CORPUS/examples.jsonl") + 2 )) "$(get /healthz | jq .documents)"
done_testing
