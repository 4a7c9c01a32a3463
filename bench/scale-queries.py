#!/usr/bin/env python3
"""bench/scale-queries.py - the fixed mixed query set of bench/scale.sh.

Reads the first SAMPLE articles of the scale corpus (bench/scale-corpus.py)
and a file of entity filters as /search's facets give them
(person:"james baker", one a line), and writes N queries, one q a line, as
bench/http.lua reads them, drawn with a fixed seed in these shares:

  30 %  1-3 consecutive content words of a title        oil prices
  10 %  1-3 content words from the first 80 of a body    bank rate cut
  15 %  a phrase of 2-3 consecutive body words           "interest rates"
  15 %  1-2 title words and an entity filter             oil country:"iran"
  15 %  1-2 title words and a date filter                oil date:2011-03
   5 %  an entity filter and a date filter               org:opec date:2015
  10 %  a date filter alone (browsing a period)          date:2019-02-11..2019-03-20

Date filters are a year, a month, a day, or a range whose ends fall
mid-month, some open-ended, within the corpus's 20 years.  With
--keywords FILE, the queries of the first two kinds (words only) also go
to FILE: the set the latency targets are stated for.

usage: scale-queries.py --corpus FILE.jsonl.gz --filters FILE [--n N]
                        [--keywords FILE] [--seed S]
"""
import argparse
import gzip
import json
import random
import re

STOP = set("""the and for that with this from have has was were are its but
not said will would been which they their also than into over after about
more other some could there what when who all any per pct mln dlrs reuter
reuters inc corp update says new""".split())
WORD = re.compile(r"[a-z]+")
FIRST_YEAR, YEARS = 2006, 20


def content_words(text):
    return [w for w in WORD.findall(text.lower())
            if len(w) >= 3 and w not in STOP]


def run_of(rng, words, k):
    """K consecutive words of WORDS (fewer if it is shorter)."""
    if len(words) <= k:
        return words
    i = rng.randrange(len(words) - k + 1)
    return words[i:i + k]


def day(rng, year=None):
    year = year or FIRST_YEAR + rng.randrange(YEARS)
    return f"{year:04d}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"


def date_filter(rng):
    r = rng.random()
    year = FIRST_YEAR + rng.randrange(YEARS)
    if r < 0.2:
        return f"date:{year}"
    if r < 0.4:
        return f"date:{year}-{1 + rng.randrange(12):02d}"
    if r < 0.5:
        return f"date:{day(rng, year)}"
    if r < 0.6:
        return f"date:{day(rng)}.." if rng.random() < 0.5 else f"date:..{day(rng)}"
    a, b = sorted((day(rng, year), day(rng, min(year + rng.randrange(4),
                                                 FIRST_YEAR + YEARS - 1))))
    return f"date:{a}..{b}"


def make(rng, article, filters):
    title = content_words(article.get("title", ""))
    body_raw = article.get("body", "")
    body = content_words(" ".join(body_raw.split()[:80]))
    r = rng.random() * 100
    if r < 30 and title:
        return "kw", " ".join(run_of(rng, title, 1 + rng.randrange(3)))
    if r < 40 and body:
        return "kw", " ".join(rng.sample(body, min(len(body),
                                                   1 + rng.randrange(3))))
    if r < 55:
        plain = WORD.findall(" ".join(body_raw.split()[:80]).lower())
        if len(plain) >= 3:
            return "phrase", '"' + " ".join(run_of(rng, plain,
                                                   2 + rng.randrange(2))) + '"'
        return None
    if r < 70 and title and filters:
        return "entity", " ".join(run_of(rng, title, 1 + rng.randrange(2))) + \
            " " + rng.choice(filters)
    if r < 85 and title:
        return "date", " ".join(run_of(rng, title, 1 + rng.randrange(2))) + \
            " " + date_filter(rng)
    if r < 90 and filters:
        return "entity", rng.choice(filters) + " " + date_filter(rng)
    if r >= 90:
        return "date", date_filter(rng)
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--filters", required=True)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--sample", type=int, default=50000)
    p.add_argument("--keywords")
    p.add_argument("--seed", type=int, default=20261128)
    args = p.parse_args()
    with open(args.filters, encoding="utf-8") as f:
        filters = [line.strip() for line in f if line.strip()]
    articles = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            articles.append(json.loads(line))
            if len(articles) >= args.sample:
                break
    rng = random.Random(args.seed)
    queries, keywords = [], []
    while len(queries) < args.n:
        made = make(rng, rng.choice(articles), filters)
        if made and made[1].strip():
            queries.append(made[1])
            if made[0] == "kw":
                keywords.append(made[1])
    print("\n".join(queries))
    if args.keywords:
        with open(args.keywords, "w", encoding="utf-8") as f:
            f.write("\n".join(keywords) + "\n")


if __name__ == "__main__":
    main()
