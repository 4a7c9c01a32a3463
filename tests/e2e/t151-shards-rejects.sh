#!/bin/sh
# --shards N with bad input (docs/OPERATIONS.md): every shard process reads
# the whole input, yet a record that cannot be read is reported once, and
# written once to --rejects; an article one shard rejects is reported by
# that shard alone; the exit status is still 1.
. "$(dirname "$0")/lib.sh"

{
    echo '{"id":"a1","title":"One","body":"Talks went on in Doha."}'
    echo '{"id":"a2","title":"Two", this is not JSON'
    echo '{"id":"a3","title":"","body":""}'
    echo '{"id":"a4","title":"Four","body":"Talks went on in Kabul."}'
} >"$SCRATCH/in.jsonl"
"$INDEX" --db "$SCRATCH/db" --shards 3 --rejects "$SCRATCH/rejects" \
    "$SCRATCH/in.jsonl" >"$SCRATCH/out" 2>"$SCRATCH/err"
check_eq "exit status 1: some records were rejected" 1 "$?"
check_eq "the malformed line is reported once" 1 \
    "$(grep -c 'in.jsonl:2' "$SCRATCH/err")"
check_eq "the article with no text is reported once" 1 \
    "$(grep -c 'in.jsonl:3' "$SCRATCH/err")"
check_eq "--rejects holds each rejected record once" 2 \
    "$(grep -c '"line":' "$SCRATCH/rejects")"
check_eq "the two good articles are indexed" 2 \
    "$(for i in 0 1 2; do xapian-delve "$SCRATCH/db/shard-$i" | sed -n 's/^number of documents = //p'; done | awk '{n += $1} END {print n}')"
done_testing
