#!/bin/sh
# The hit record (value slot 4, docs/SCHEMA.md): every article indexed has
# one, and an index written before it existed (the slot removed from every
# document) answers /search with the same bytes, read from the document
# data instead.
. "$(dirname "$0")/lib.sh"

PY=
for py in python3 /usr/bin/python3; do
    if "$py" -c 'import xapian' 2>/dev/null; then PY=$py; break; fi
done
if [ -z "$PY" ]; then
    skip "the hit record" "no python3 with the xapian module"
    done_testing
    exit 0
fi

# rewrite DB MODE: rewrites every document of DB in one commit, MODE
# "keep" with its hit record as it was, "drop" without one (so both copies
# end at the same revision); prints how many documents had a record.
rewrite() {
    "$PY" - "$1" "$2" <<'EOF'
import sys
import xapian
path, mode = sys.argv[1], sys.argv[2]
db = xapian.WritableDatabase(path, xapian.DB_OPEN)
had = 0
for post in list(db.postlist("")):
    doc = db.get_document(post.docid)
    record = doc.get_value(4)
    had += record != b""
    doc.remove_value(4)
    if mode == "keep" and record:
        doc.add_value(4, record)
    db.replace_document(post.docid, doc)
db.commit()
print(had)
EOF
}

a="$SCRATCH/a" b="$SCRATCH/b"
"$INDEX" --db "$a" "$CORPUS" >/dev/null || { not_ok "index corpus/"; exit 1; }
cp -R "$a" "$b"
articles=$("$PY" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$a")
check_eq "every article indexed has a hit record" "$articles" "$(rewrite "$a" keep)"
rewrite "$b" drop >/dev/null
left=$("$PY" -c 'import sys, xapian
db = xapian.Database(sys.argv[1])
print(sum(db.get_document(p.docid).get_value(4) != b"" for p in db.postlist("")))' "$b")
check_eq "the copy without them has none left" 0 "$left"

# The answers to QUERIES, with the fields of a page without snippets (the
# hit record), the default (snippets: the data) and a few fields.
answers() {
    start_searchd "$1" || { not_ok "start searchd on $1"; exit 1; }
    for q in 'Taliban' 'Doha+talks+ceasefire' 'Kabul' 'country:Afghanistan' \
             'person:Atmar' '"peace+talks"' 'talib*' 'Lavrov&sort=newest' \
             'Taliban&collapse=none&size=50'; do
        for f in '&fields=rank,id,title,url,date,source,lang,score,duplicates,entities' \
                 '' '&fields=id,url,entities'; do
            printf '%s%s\n' "$q" "$f"
            curl -s -D - "$BASE/search?q=$q$f&facets=none" | grep -iv '^date:'
            echo
        done
    done
    stop_searchd
}
answers "$a" >"$SCRATCH/with"
answers "$b" >"$SCRATCH/without"
check "the answers hold hits with entities, urls and sources" \
    sh -c "grep -q '\"person\":\[\"' '$SCRATCH/with' && grep -q '\"url\":\"http' '$SCRATCH/with' &&
           grep -q '\"source\":\"[a-z]' '$SCRATCH/with'"
check "/search answers the same bytes without hit records" \
    cmp "$SCRATCH/with" "$SCRATCH/without"

done_testing
