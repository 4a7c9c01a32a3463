#!/usr/bin/python3
"""raw_xapian_queries.py DB QUERIES [SECONDS] - the raw-Xapian query
baseline of docs/BENCHMARKS.md, "HTTP queries": what Xapian itself costs
for the same queries on the same index, with none of Khabar's work
(near-duplicate collapse, exact totals, spelling, hit records, JSON).

Each line of QUERIES (the text of q, as bench/http-queries.sh writes it)
is parsed by Xapian's QueryParser (English stemmer, STEM_SOME, all words
required, phrases and trailing wildcards on), ranked with BM25 (Xapian's
default parameters), the first 10 hits fetched and each hit's document
data read.  After one untimed pass, the queries run in order, round and
round, for SECONDS (default 10) on one thread, and one line is printed as
khabar-query-bench prints it (times in microseconds):

  RESULT queries=N seconds=S qps=Q p50=US p95=US p99=US max=US errors=E

Field filters (country:..., date:...) are not Xapian's syntax: feed this
the queries without them, and khabar-query-bench the same file, for a
like-for-like pair.  The loop is Python's, which adds a few microseconds a
query to Xapian's time: the baseline is, if anything, flattered less."""
import sys
import time

import xapian


def parser_for(db):
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    return qp


FLAGS = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD)


def run(qp, enquire, text):
    """One query, as timed: parse, rank, read the page's data."""
    enquire.set_query(qp.parse_query(text, FLAGS))
    size = 0
    for match in enquire.get_mset(0, 10):
        size += len(match.document.get_data())
    return size


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: raw_xapian_queries.py DB QUERIES [SECONDS]")
    db = xapian.Database(sys.argv[1])
    seconds = float(sys.argv[3]) if len(sys.argv) == 4 else 10.0
    with open(sys.argv[2], encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()]
    if not queries:
        sys.exit("raw_xapian_queries.py: %s: no queries" % sys.argv[2])
    qp = parser_for(db)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    errors = 0
    for text in queries:            # the warm-up pass
        try:
            run(qp, enquire, text)
        except xapian.Error:
            errors += 1
    times = []
    clock = time.perf_counter
    start = clock()
    while clock() - start < seconds:
        for text in queries:
            t0 = clock()
            try:
                run(qp, enquire, text)
            except xapian.Error:
                pass
            times.append(clock() - t0)
            if t0 - start >= seconds:
                break
    elapsed = clock() - start
    times.sort()
    n = len(times)

    def at(p):
        return int(round(times[min(n - 1, int(p * n))] * 1e6))

    print("RESULT queries=%d seconds=%.3f qps=%.1f p50=%d p95=%d p99=%d "
          "max=%d errors=%d" % (n, elapsed, n / elapsed, at(0.50), at(0.95),
                                at(0.99), at(1.0), errors))


if __name__ == "__main__":
    main()
