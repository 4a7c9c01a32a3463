#!/usr/bin/python3
"""raw_xapian.py DB [JSONL...] - the raw-Xapian indexing baseline of
docs/BENCHMARKS.md, "Indexing": one thread, Xapian's TermGenerator with
positions and an English stemmer, Xapian's default flush threshold, over the
title and body of each article of `khabar-index --extract` output (standard
input when no file is named).  Prints one JSON line: articles, seconds
(indexing and the final commit, not reading), articles per second."""
import json
import sys
import time

import xapian


def articles(paths):
    for path in paths or ["-"]:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        for line in stream:
            a = json.loads(line)
            yield a.get("id", ""), a.get("title") or "", a.get("body") or ""


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: raw_xapian.py DB [JSONL...]")
    texts = list(articles(sys.argv[2:]))
    db = xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    start = time.monotonic()
    for ident, title, body in texts:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title, 1, "S")
        tg.increase_termpos()
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(body)
        doc.add_boolean_term("Q" + ident)
        db.replace_document("Q" + ident, doc)
    db.commit()
    seconds = time.monotonic() - start
    print(json.dumps({"articles": len(texts), "seconds": round(seconds, 3),
                      "articles_per_second": round(len(texts) / seconds, 1)}))


main()
