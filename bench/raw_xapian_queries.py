#!/usr/bin/python3
"""raw_xapian_queries.py DB QUERIES [SECONDS] - the raw-Xapian query
baseline of docs/BENCHMARKS.md, "HTTP queries": what Xapian itself costs
for the same queries on the same index, with none of Khabar's work
(near-duplicate collapse, exact totals, spelling, hit records, JSON).

Each line of QUERIES (the text of q, as bench/http-queries.sh writes it)
is parsed by Xapian's QueryParser (English stemmer, STEM_SOME, all words
required, phrases, and trailing wildcards capped at 1,000 terms as
Khabar caps them), ranked with BM25 with Khabar's parameters (k1 2.0,
b 0.9), the first 10 hits fetched and each hit's document data read.
After one untimed pass, the queries run in order, round and round, for
SECONDS (default 10) on one thread, and one line is printed as
khabar-query-bench prints it (times in microseconds, nearest-rank
percentiles; a query that fails is counted in errors, not timed):

  RESULT queries=N seconds=S qps=Q p50=US p95=US p99=US max=US errors=E

Field filters (country:..., date:...) are not Xapian's syntax: feed this
the queries without them, and khabar-query-bench the same file.  The loop
is Python's, which adds a few microseconds a query to Xapian's time.
Exit status: 0 measured, 1 QUERIES holds no query, 2 bad usage, 3 the
index cannot be opened."""
import sys
import time

import xapian


def parser_for(db):
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_max_expansion(1000, xapian.Query.WILDCARD_LIMIT_ERROR,
                         xapian.QueryParser.FLAG_WILDCARD)
    return qp


FLAGS = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD)


def run(qp, enquire, text):
    """One query, as timed: parse, rank, read the page's data."""
    enquire.set_query(qp.parse_query(text, FLAGS))
    size = 0
    for match in enquire.get_mset(0, 10):
        size += len(match.document.get_data())
    return size


def percentile(times, p):
    """The P-th percentile of sorted TIMES, in microseconds (nearest rank,
    as khabar-query-bench takes it); 0 when there are none."""
    k = min(len(times), int(p / 100 * len(times) + 0.5))
    return int(round(times[max(k, 1) - 1] * 1e6)) if times else 0


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: raw_xapian_queries.py DB QUERIES [SECONDS]",
              file=sys.stderr)
        sys.exit(2)
    try:
        db = xapian.Database(sys.argv[1])
    except xapian.Error as e:
        print("raw_xapian_queries.py: %s: %s" % (sys.argv[1], e),
              file=sys.stderr)
        sys.exit(3)
    seconds = float(sys.argv[3]) if len(sys.argv) == 4 else 10.0
    with open(sys.argv[2], encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()]
    if not queries:
        print("raw_xapian_queries.py: %s: no queries" % sys.argv[2],
              file=sys.stderr)
        sys.exit(1)
    qp = parser_for(db)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight(2.0, 0, 1, 0.9, 0.5))
    for text in queries:            # the warm-up pass, untimed
        try:
            run(qp, enquire, text)
        except xapian.Error:
            pass
    times = []
    errors = 0
    clock = time.perf_counter
    start = clock()
    while clock() - start < seconds:
        for text in queries:
            t0 = clock()
            if t0 - start >= seconds:
                break
            try:
                run(qp, enquire, text)
            except xapian.Error:
                errors += 1
                continue
            times.append(clock() - t0)
    elapsed = clock() - start
    times.sort()
    print("RESULT queries=%d seconds=%.3f qps=%.1f p50=%d p95=%d p99=%d "
          "max=%d errors=%d" % (len(times), elapsed, len(times) / elapsed,
                                percentile(times, 50), percentile(times, 95),
                                percentile(times, 99), percentile(times, 100),
                                errors))


if __name__ == "__main__":
    main()
