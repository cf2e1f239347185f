#!/usr/bin/env python3
"""store_corpus.py - a large synthetic news corpus made by recombining real
sentences, for the store benchmarks (generated at benchmark time, never
kept in the project).

Sentences come from the texts of the shared corpora (reuters21578.jsonl and
bbc.jsonl). Article i draws 6-18 sentences uniformly from the whole pool
(seeded), so articles are realistic in length and vocabulary but unrelated
to each other, except the planted copies:
  every 50th article is a near copy of an earlier one (one sentence dropped,
  one replaced), every 200th an exact copy under a new id.
Only the sentence numbers of each article are kept in memory (~60 bytes an
article), so a million articles need ~100 MB.

Dates advance as a feed's do: article n is dated day first_day + n // 1000
from 2030-01-01 (1,000 articles a day, a large aggregator's rate), so the
story engine that ingest runs sees time move forward; --first-day dates a
second batch after the first (the benchmark's incremental ingest).

  store_corpus.py CORPORA_DIR --count N [--seed S] [--queries Q]
writes N articles as JSON Lines to stdout; with --queries Q it writes
instead Q query articles for the same (N, seed) store: a quarter near
copies of stored articles, a quarter exact copies, half new articles.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z"])')


def sentence_pool(corpora):
    pool = []
    for name in ('reuters21578.jsonl', 'bbc.jsonl'):
        with open(os.path.join(corpora, name), encoding='utf-8') as f:
            for line in f:
                text = json.loads(line).get('text') or ''
                for s in SPLIT.split(' '.join(text.split())):
                    if 40 <= len(s) <= 400:
                        pool.append(s)
    return pool


def plan(count, seed, npool):
    """Sentence numbers of every stored article (deterministic)."""
    rng = random.Random(seed)
    arts = []
    for i in range(count):
        if i % 200 == 199:
            arts.append(arts[rng.randrange(i)])
        elif i % 50 == 49:
            s = list(arts[rng.randrange(i)])
            if len(s) > 3:
                del s[rng.randrange(len(s))]
                s[rng.randrange(len(s))] = rng.randrange(npool)
            arts.append(tuple(s))
        else:
            arts.append(tuple(rng.randrange(npool) for _ in range(rng.randint(6, 18))))
    return arts


START = datetime.date(2030, 1, 1)
PER_DAY = 1000


def emit(out, ident, sentences, pool, n, first_day=0):
    text = ' '.join(pool[k] for k in sentences)
    day = START + datetime.timedelta(days=first_day + n // PER_DAY)
    out.write(json.dumps({'id': ident, 'title': 'Generated article %d' % n,
                          'date': day.isoformat(),
                          'source': 'recombined', 'text': text}, ensure_ascii=False))
    out.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpora')
    ap.add_argument('--count', type=int, required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--queries', type=int, default=0)
    ap.add_argument('--first-day', type=int, default=0)
    a = ap.parse_args()
    pool = sentence_pool(a.corpora)
    arts = plan(a.count, a.seed, len(pool))
    out = sys.stdout
    if not a.queries:
        for i, s in enumerate(arts):
            emit(out, 'gen-%d' % i, s, pool, i, a.first_day)
        return
    rng = random.Random(a.seed + 1000003)
    for q in range(a.queries):
        kind = q % 4
        if kind == 0:    # near copy of a stored article
            s = list(arts[rng.randrange(a.count)])
            if len(s) > 3:
                s[rng.randrange(len(s))] = rng.randrange(len(pool))
        elif kind == 1:  # exact copy
            s = list(arts[rng.randrange(a.count)])
        else:            # new
            s = [rng.randrange(len(pool)) for _ in range(rng.randint(6, 18))]
        # Queries come after the stored articles, like new articles.
        emit(out, 'query-%d' % q, s, pool, q, a.first_day + a.count // PER_DAY)


if __name__ == '__main__':
    main()
