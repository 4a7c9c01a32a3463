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

# Many long records rejected by every shard at once (a date that is not
# ISO 8601 is found once the article has its shard): the three processes
# append to one --rejects file, and each record must stay whole.
awk 'BEGIN { pad = ""; for (k = 0; k < 400; k++) pad = pad "filler "
    for (i = 1; i <= 1500; i++)
        printf "{\"id\":\"e%d\",\"title\":\"t\",\"date\":\"March 1987\",\"body\":\"%s\"}\n", i, pad
}' >"$SCRATCH/long.jsonl"
"$INDEX" --db "$SCRATCH/db2" --shards 3 --threads 1 --quiet \
    --rejects "$SCRATCH/rejects2" "$SCRATCH/long.jsonl" 2>/dev/null
check_eq "every shard's rejects: exit status 1" 1 "$?"
check_eq "1500 lines in --rejects" 1500 "$(grep -c . "$SCRATCH/rejects2")"
check_eq "each a whole JSON record: none mixed with another" 1500 \
    "$(jq -R 'fromjson? | .line' "$SCRATCH/rejects2" 2>/dev/null | grep -c .)"
done_testing
