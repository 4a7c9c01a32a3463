#!/usr/bin/env python3
"""bench/scale-corpus.py - a large, realistic news corpus for make bench-scale.

Replays real Reuters articles (Reuters-21578 as khabar-index --extract
prints it, and the 106,494-article Reuters 2006-2013 JSON Lines set) until
ARTICLES are written, as gzipped JSON Lines in khabar-index's fields (id,
url, title, date, source, lang, body; docs/API.md):

  * every article gets a new id (scale-NNNNNNN) and, when it had one, a
    new URL, so each output line is one more document in the index;
  * its date keeps month, day and time but moves to a year drawn
    uniformly from FIRST_YEAR..FIRST_YEAR+19 (20 years; 29 February
    becomes the 28th outside leap years);
  * from the second pass over the sources on, the text varies lightly:
    about 2 % of the words are swapped for words drawn from the same
    corpus (so by frequency: the vocabulary's shape stays real), and a
    sentence may be dropped or repeated, so lengths stay real too;
  * DUP_PERCENT of the articles are exact copies of an earlier output
    article (new id only) and NEAR_PERCENT are near copies (a few words
    swapped, maybe one sentence dropped), as wire re-issues are.

Deterministic: the same inputs, ARTICLES and SEED give the same bytes
(one Python version; gzip's header carries no name or time).

usage: scale-corpus.py --articles N --seed S --out FILE.jsonl.gz INPUT...
INPUT is a JSON Lines file, gzipped or not, read in the order given.
"""
import argparse
import gzip
import io
import json
import random
import re
import sys

FIRST_YEAR = 2006
YEARS = 20
SWAP_RATE = 0.02
DUP_PERCENT = 2.0
NEAR_PERCENT = 2.0
# Sentence ends followed by the start of another sentence; the separator
# is kept (capturing group) so hard-wrapped bodies keep their layout.
SENTENCE_SPLIT = re.compile(r'(?<=[.!?])(\s+)(?=[A-Z"])')
WORD = re.compile(r"^[A-Za-z][a-z]+$")


def fail(where, what):
    sys.exit(f"scale-corpus.py: {where}: {what}")


def read_articles(paths):
    """The articles of PATHS, each a dict of the fields kept."""
    out = []
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                try:
                    rec = json.loads(line)
                except ValueError as e:
                    fail(f"{path}:{number}", f"not JSON: {e}")
                if not isinstance(rec, dict):
                    fail(f"{path}:{number}", "expected a JSON object")
                a = {k: rec.get(k) or "" for k in
                     ("url", "title", "date", "source", "lang", "body")}
                # Both sets are Reuters' wire in English; the 2006-2013
                # one names neither.
                a["source"] = a["source"] or "reuters"
                a["lang"] = a["lang"] or "en"
                out.append(a)
    return out


def vocabulary(articles, rng, size=2_000_000):
    """A sample of the corpus's words, drawn by frequency."""
    words = []
    per = max(1, size // max(1, len(articles)))
    for a in articles:
        tokens = [t for t in a["body"].split(" ") if WORD.match(t)]
        if tokens:
            words.extend(rng.choice(tokens) for _ in range(per))
    return words or ["news"]


def shift_date(date, year):
    """DATE (YYYY-MM-DD...) moved to YEAR, or "" when it has no date."""
    if len(date) < 10 or not date[:4].isdigit():
        return ""
    month_day = date[5:10]
    if month_day == "02-29" and not (year % 4 == 0 and
                                     (year % 100 != 0 or year % 400 == 0)):
        month_day = "02-28"
    return f"{year:04d}-{month_day}{date[10:]}"


def swap_words(text, rng, vocab, rate):
    """TEXT with about RATE of its plain words replaced from VOCAB."""
    tokens = text.split(" ")
    n = int(len(tokens) * rate + rng.random())
    for _ in range(n):
        i = rng.randrange(len(tokens))
        if WORD.match(tokens[i]):
            tokens[i] = rng.choice(vocab)
    return " ".join(tokens)


def vary_sentences(body, rng):
    """BODY with maybe one sentence dropped (30 %) or repeated (20 %)."""
    parts = SENTENCE_SPLIT.split(body)
    sentences = (len(parts) + 1) // 2
    if sentences < 3:
        return body
    r = rng.random()
    j = 2 * rng.randrange(1, sentences - 1)  # never the first or last
    if r < 0.3:
        del parts[j:j + 2]
    elif r < 0.5:
        parts[j:j] = [parts[j], parts[j + 1]]
    return "".join(parts)


def vary(article, rng, vocab, rate):
    out = dict(article)
    out["title"] = swap_words(article["title"], rng, vocab, rate / 2)
    out["body"] = vary_sentences(swap_words(article["body"], rng, vocab, rate),
                                 rng)
    return out


def emit(f, number, article):
    rec = {"id": f"scale-{number:07d}"}
    if article["url"]:
        rec["url"] = f"{article['url']}?scale={number}"
    for k in ("title", "date", "source", "lang", "body"):
        if article[k]:
            rec[k] = article[k]
    f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
    f.write("\n")


def build(args):
    sources = read_articles(args.inputs)
    if not sources:
        fail(args.inputs[0], "no articles")
    rng = random.Random(args.seed)
    vocab = vocabulary(sources, rng)
    order = list(range(len(sources)))
    written = []  # what each output article was, for the duplicates
    stats = {"exact": 0, "near": 0, "varied": 0, "original": 0}
    # No file name and time in the gzip header: the same bytes each run.
    with open(args.out, "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1,
                          mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
        for number in range(1, args.articles + 1):
            pick = rng.random() * 100
            if written and pick < DUP_PERCENT:
                article = written[rng.randrange(len(written))]
                stats["exact"] += 1
            elif written and pick < DUP_PERCENT + NEAR_PERCENT:
                source = written[rng.randrange(len(written))]
                article = dict(source)
                article["body"] = vary_sentences(
                    swap_words(source["body"], rng, vocab, 0.01), rng)
                stats["near"] += 1
            else:
                index = (number - 1) % len(sources)
                if index == 0:
                    rng.shuffle(order)
                base = sources[order[index]]
                passes = (number - 1) // len(sources)
                article = vary(base, rng, vocab, SWAP_RATE) if passes else \
                    dict(base)
                stats["varied" if passes else "original"] += 1
                year = FIRST_YEAR + rng.randrange(YEARS)
                article["date"] = shift_date(base["date"], year)
            # Only a sample is kept for copying: bounded memory.
            if len(written) < 200_000:
                written.append(article)
            elif rng.random() < 0.01:
                written[rng.randrange(len(written))] = article
            emit(f, number, article)
    print(f"scale-corpus.py: {args.articles} articles from {len(sources)} "
          f"sources: {stats['original']} original, {stats['varied']} varied, "
          f"{stats['exact']} exact and {stats['near']} near duplicates",
          file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, required=True)
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--out", required=True)
    p.add_argument("inputs", nargs="+")
    args = p.parse_args()
    if args.articles < 1:
        fail("--articles", "must be at least 1")
    build(args)


if __name__ == "__main__":
    main()
