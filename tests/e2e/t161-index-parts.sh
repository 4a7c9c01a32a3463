#!/bin/sh
# A full build with --threads 2 or more is written by several writers,
# each into a part index, merged at the end by Xapian's compaction
# (docs/BENCHMARKS.md, Indexing).  It must hold the same articles, terms,
# positions, values, data, metadata and spelling as --threads 1 (only the
# document ids may differ), say the same things (summary, rejects,
# messages, exit status), leave no part behind, and when a writer fails,
# leave the old index serving.
. "$(dirname "$0")/lib.sh"

# 400 articles with an article repeated unchanged (g5), one repeated
# changed (g7), and two rejects; and those of corpus/examples.jsonl.
gen="$SCRATCH/gen.jsonl"
commodity_articles "$gen" 1
cp "$CORPUS/examples.jsonl" "$SCRATCH/examples.jsonl"
inputs="$gen $SCRATCH/examples.jsonl"

# A Python with Xapian's bindings dumps an index article by article.
PY=
for py in python3 /usr/bin/python3; do
    if "$py" -c 'import xapian' 2>/dev/null; then PY=$py; break; fi
done
dump() {
    "$PY" "$KHABAR_TOP/tests/e2e/index_dump.py" "$1" >"$2"
}
same_dump() {
    if [ -z "$PY" ]; then
        skip "$1" "no python3 with the xapian module"
        return
    fi
    dump "$2" "$SCRATCH/dump-a" && dump "$3" "$SCRATCH/dump-b"
    check "$1" cmp "$SCRATCH/dump-a" "$SCRATCH/dump-b"
}

# build NAME THREADS [ARGS...]: into $SCRATCH/NAME; output in *.NAME.
build() {
    name=$1 n=$2; shift 2
    # shellcheck disable=SC2086
    "$INDEX" --db "$SCRATCH/$name" --threads "$n" --batch 37 --json \
        --rejects "$SCRATCH/rejects.$name" "$@" $inputs \
        >"$SCRATCH/out.$name" 2>"$SCRATCH/err.$name"
    echo $? >"$SCRATCH/rc.$name"
}
summary() { jq -c 'del(.seconds, .compacted, .threads, .revision)' "$SCRATCH/out.$1"; }
stats() {
    "$INDEX" --db "$SCRATCH/$1" --stats --json |
        jq -c 'del(.index, .revision, .generation, .bytes)'
}
generations() { ls "$SCRATCH/$1" | grep -c '^gen-'; }

build one 1
build two 2
check_eq "same exit status (1: rejects)" "1 1" "$(cat "$SCRATCH/rc.one") $(cat "$SCRATCH/rc.two")"
check_eq "same summary, counts summed over the parts" "$(summary one)" "$(summary two)"
check "same messages on standard error" cmp "$SCRATCH/err.one" "$SCRATCH/err.two"
check "same --rejects records" cmp "$SCRATCH/rejects.one" "$SCRATCH/rejects.two"
check_eq "the repeats were counted as such" "1 1" \
    "$(jq -r '"\(.updated) \(.unchanged)"' "$SCRATCH/out.two")"
check "the merge is the build's compaction, and two writers wrote it" \
    jq -e '.compacted.before_bytes > 0 and .compacted.after_bytes > 0 and
           .threads.writer_cpu_seconds > 0' "$SCRATCH/out.two"
check_eq "same --stats" "$(stats one)" "$(stats two)"
same_dump "same articles, terms, positions, values, data, metadata, spelling" \
    "$SCRATCH/one" "$SCRATCH/two"
check_eq "one generation left: no part behind" 1 "$(generations two)"
check "--check finds the merged index sound" env \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}new_delete_type_mismatch=0" \
    "$INDEX" --db "$SCRATCH/two" --check

# Three writers, a --rebuild, and one shard of two (whose articles all
# have the same hash modulo 2, yet spread over the writers).
build three 3
same_dump "--threads 3: the same again" "$SCRATCH/one" "$SCRATCH/three"
before=$(jq .revision "$SCRATCH/out.two")
build two 2 --rebuild
check_eq "--rebuild --threads 2: exit 1 for the rejects" 1 "$(cat "$SCRATCH/rc.two")"
check "--rebuild: the revision grew" \
    test "$(jq .revision "$SCRATCH/out.two")" -gt "$before"
check_eq "--rebuild: same summary" "$(summary one | jq -c '.rebuilt = true')" "$(summary two)"
same_dump "--rebuild: the same articles" "$SCRATCH/one" "$SCRATCH/two"
check_eq "--rebuild: one generation left" 1 "$(generations two)"
build shard1 1 --shard 0/2
build shard2 2 --shard 0/2
check_eq "--shard 0/2: same summary" "$(summary shard1)" "$(summary shard2)"
same_dump "--shard 0/2: the same articles" "$SCRATCH/shard1" "$SCRATCH/shard2"

# A later run over an index built in parts is an ordinary update: g2
# edited, g7's two versions each replacing the other, the rest unchanged.
cp "$gen" "$SCRATCH/gen.orig"
sed -i 's/"title":"grain report 2"/"title":"grain report 2 revised"/' "$gen"
"$INDEX" --db "$SCRATCH/two" --threads 2 --json "$gen" >"$SCRATCH/up" 2>/dev/null
check_eq "an update of it: 3 updated, the rest unchanged" \
    "0 3 399" "$(jq -r '"\(.added) \(.updated) \(.unchanged)"' "$SCRATCH/up")"
cp "$SCRATCH/gen.orig" "$gen"

# A writer that fails: files may not grow past 512 blocks, as on a full
# disk, so a part cannot be written.  The old index goes on serving.
dump_old=
[ -n "$PY" ] && dump "$SCRATCH/two" "$SCRATCH/dump-old" && dump_old=1
big="$SCRATCH/big.jsonl"
for i in 1 2 3 4 5 6 7 8; do sed "s/\"id\":\"g/\"id\":\"x$i-g/" "$gen"; done >"$big"
(
    trap '' XFSZ
    ulimit -f 512
    exec "$INDEX" --db "$SCRATCH/two" --threads 2 --rebuild --batch 400 "$big"
) >"$SCRATCH/out.fail" 2>"$SCRATCH/err.fail"
rc=$?
check_eq "a failed writer: exit 2" 2 "$rc"
check "the error names the input and the part written" \
    grep -q "big.jsonl:[0-9]*: .*$SCRATCH/two/gen-" "$SCRATCH/err.fail"
check_eq "the old index still serves: its article count" \
    "$((400 + $(grep -c . "$SCRATCH/examples.jsonl")))" \
    "$("$INDEX" --db "$SCRATCH/two" --stats --json | jq .articles)"
if [ -n "$dump_old" ]; then
    dump "$SCRATCH/two" "$SCRATCH/dump-after"
    check "the old index is unchanged" cmp "$SCRATCH/dump-old" "$SCRATCH/dump-after"
else
    skip "the old index is unchanged" "no python3 with the xapian module"
fi
check_eq "no part nor new generation left behind" 1 "$(generations two)"

# A first build in parts killed midway keeps what its first part, the
# live generation, committed, whole batches as one writer's would; the
# rerun adds only the rest, and removes the other parts the kill left.
huge="$SCRATCH/huge.jsonl"
for i in 1 2 3 4; do sed "s/\"id\":\"x/\"id\":\"k$i-x/" "$big"; done >"$huge"
"$INDEX" --db "$SCRATCH/k" --threads 2 --batch 100 --quiet "$huge" 2>/dev/null &
victim=$!
n=0
for _ in $(seq 1 1000); do
    n=$("$INDEX" --db "$SCRATCH/k" --stats --json 2>/dev/null | jq .articles 2>/dev/null)
    [ -n "$n" ] && [ "$n" -gt 0 ] && break
    sleep 0.02
done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
check "killed after the first part's first batch and before the end" \
    sh -c "[ '${n:-0}' -gt 0 ] && [ '${n:-0}' -lt 12800 ]"
served=$("$INDEX" --db "$SCRATCH/k" --stats --json | jq .articles)
check "the killed build serves what its first part committed" \
    sh -c "[ '$served' -gt 0 ] && [ '$served' -lt 12800 ]"
check "the kill left a hidden part behind" sh -c "[ $(generations k) -ge 2 ]"
"$INDEX" --db "$SCRATCH/k" --threads 2 "$huge" >"$SCRATCH/k.out" 2>"$SCRATCH/k.err"
check_eq "the rerun succeeds (1: the input's own bad records)" 1 $?
check_eq "after a killed build in parts, a rerun has every article" 12800 \
    "$("$INDEX" --db "$SCRATCH/k" --stats --json | jq .articles)"
check "the rerun added exactly the articles the kill lost" \
    grep -q "^khabar-index: $((12800 - served)) added, " "$SCRATCH/k.out"
check "the rerun says it removed what the kill left" \
    grep -q "removed [0-9]* generations\? a killed run left behind" "$SCRATCH/k.err"
check_eq "and no part is left behind" 1 "$(generations k)"

reuters="$SHARED/corpus/reuters21578/reut2-000.sgm.gz"
if [ -f "$reuters" ] && [ -n "$PY" ]; then
    for n in 1 2; do
        "$INDEX" --db "$SCRATCH/r$n" --threads "$n" --quiet "$reuters"
    done
    same_dump "Reuters reut2-000: the same with 1 and 2 writers" "$SCRATCH/r1" "$SCRATCH/r2"
else
    skip "Reuters reut2-000 with 1 and 2 writers" \
        "no ../shared/corpus/reuters21578 or no python3 with xapian"
fi
done_testing
