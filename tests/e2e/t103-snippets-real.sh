#!/bin/sh
# The shim's snippet maker (shim/snippet.cc) against Xapian's own
# (MSet::snippet()) on real news: every hit of queries made from the
# articles themselves gets the same snippet from both, byte for byte
# (khabar-snippet-check), in English (Reuters-21578), Persian (Hamshahri)
# and Arabic (SaudiNewsNet).  test_shim_snippet does the same on made-up
# texts; this is the check on text as the archive holds it.
. "$(dirname "$0")/lib.sh"

CHECK="$KHABAR_BUILD/khabar-snippet-check"
corpus="$SHARED/corpus"

# queries FILE: queries made from the articles (JSON Lines) in FILE: for
# every third article with 8 words or more, its 3rd and 7th words, and
# its 5th and 6th as a phrase; lower-cased, without the characters of the
# query syntax.
queries() {
    jq -r '.body // "" | gsub("[\n\t]"; " ")' "$1" | awk '
        NR % 3 == 1 && NF >= 8 {
            for (i = 3; i <= 7; i++) {
                $i = tolower($i)
                gsub(/["()*:+\\-]/, "", $i)
            }
            if ($3 != "" && $7 != "") print $3 " " $7
            if ($5 != "" && $6 != "") print "\"" $5 " " $6 "\""
        }' | head -400
}

# same NAME ARTICLES: indexes ARTICLES (JSON Lines) and checks that both
# makers give the same snippets for their queries, on many hits.
same() {
    db="$SCRATCH/$1.db"
    "$INDEX" --db "$db" "$2" >"$SCRATCH/$1.out" 2>&1 ||
        { not_ok "$1: indexed" "$(cat "$SCRATCH/$1.out")"; return; }
    queries "$2" >"$SCRATCH/$1.q"
    "$CHECK" --db "$db" "$SCRATCH/$1.q" >"$SCRATCH/$1.check" 2>&1
    status=$?
    hits=$(sed -n 's/^RESULT .* hits=\([0-9]*\) .*/\1/p' "$SCRATCH/$1.check")
    ours=$(sed -n 's/^RESULT .* ours=\([0-9]*\) .*/\1/p' "$SCRATCH/$1.check")
    xapian=$(sed -n 's/^RESULT .* xapian=\([0-9]*\) .*/\1/p' "$SCRATCH/$1.check")
    # Every snippet made by the shim, none by Xapian (no query is a
    # wildcard).
    if [ "$status" -eq 0 ] && [ "${hits:-0}" -ge 500 ] &&
       [ "${ours:-0}" -ge "$hits" ] && [ "$xapian" = 0 ]; then
        ok "$1: $(tail -1 "$SCRATCH/$1.check")"
    else
        not_ok "$1: the same snippets on at least 500 hits, made by the shim" \
            "$(head -c 3000 "$SCRATCH/$1.check")"
    fi
}

reuters="$corpus/reuters21578/reut2-000.sgm.gz"
if [ -f "$reuters" ]; then
    "$INDEX" --extract "$reuters" >"$SCRATCH/reuters.jsonl" 2>/dev/null
    same "English, Reuters-21578 (1,000 articles)" "$SCRATCH/reuters.jsonl"
else
    skip "English snippets" "needs ../shared/corpus/reuters21578 (absent)"
fi

hamshahri="$corpus/hamshahri-persian/hamshahri-docs.jsonl.gz"
if [ -f "$hamshahri" ]; then
    gzip -dc "$hamshahri" | head -1200 |
        jq -c '{id: .id, title: "", body: .text, date: .date, lang: "fa"}' \
        >"$SCRATCH/hamshahri.jsonl"
    same "Persian, Hamshahri (1,200 articles)" "$SCRATCH/hamshahri.jsonl"
else
    skip "Persian snippets" "needs ../shared/corpus/hamshahri-persian (absent)"
fi

saudi="$corpus/saudinewsnet-arabic/2015-08-08.json.gz"
if [ -f "$saudi" ]; then
    gzip -dc "$saudi" |
        jq -c 'to_entries[:700][] | select(.value.content | test("\\S")) |
               {id: "saudinewsnet-\(.key)", title: .value.title,
                body: .value.content, source: .value.source, lang: "ar"}' \
        >"$SCRATCH/saudi.jsonl"
    same "Arabic, SaudiNewsNet (700 articles)" "$SCRATCH/saudi.jsonl"
else
    skip "Arabic snippets" "needs ../shared/corpus/saudinewsnet-arabic (absent)"
fi

done_testing
