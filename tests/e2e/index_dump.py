#!/usr/bin/env python3
# index_dump.py DB - everything a Xapian index holds, in an order that does
# not depend on document ids: per article (by its "Q" id term) its terms
# with wdf and positions, its values and its data; then the metadata (but
# the revision keys, which count commits), the spelling words with their
# frequencies, and the collection statistics.  Two indexes of the same
# articles built by different numbers of writers dump the same.
import sys

import xapian

SKIP_METADATA = {"khabar.revision", "khabar.revision-base"}


def article(db, docid):
    doc = db.get_document(docid)
    terms = []
    key = None
    for t in doc.termlist():
        name = t.term.decode("utf-8", "backslashreplace")
        if name.startswith("Q"):
            key = name
        positions = list(t.positer)
        terms.append("%s:%d:%s" % (name, t.wdf, ",".join(map(str, positions))))
    values = ["%d=%r" % (v.num, v.value) for v in doc.values()]
    return key, "%s\n  len %d\n  terms %s\n  values %s\n  data %r\n" % (
        key, db.get_doclength(docid), " ".join(terms), " ".join(values),
        doc.get_data())


def main():
    db = xapian.Database(sys.argv[1])
    out = sys.stdout
    docs = []
    for p in db.postlist(""):
        docs.append(article(db, p.docid))
    docs.sort()
    for _, text in docs:
        out.write(text)
    for key in db.metadata_keys():
        name = key.decode("utf-8", "backslashreplace")
        if name not in SKIP_METADATA:
            out.write("metadata %s=%r\n" % (name, db.get_metadata(key)))
    for s in db.spellings():
        out.write("spelling %s %d\n" % (s.term.decode("utf-8", "backslashreplace"), s.termfreq))
    out.write("doccount %d total length %d\n" % (db.get_doccount(), db.get_total_length()))
    for t in db.allterms():
        out.write("term %s %d %d\n" % (t.term.decode("utf-8", "backslashreplace"),
                                       t.termfreq, db.get_collection_freq(t.term)))


main()
