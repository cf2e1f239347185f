#!/usr/bin/python3
"""datasketch_baseline.py - the datasketch MinHash + LSH dedup pipeline, re-implemented.

THIS IS NOT DATASKETCH. datasketch (https://github.com/ekzhu/datasketch) cannot be
installed on this machine (no PyPI, no Debian package), so this script re-implements,
with plain Python + NumPy (+ SciPy when present), exactly the algorithm and the code
paths that datasketch 1.x runs in the usual "MinHash.bulk + MinHashLSH" corpus-dedup
recipe, so that concord has an honest, reproducible baseline to be compared with.
It is labelled "datasketch algorithm (re-implementation)" wherever it is reported.

What it mirrors, datasketch file by file:

  datasketch/hashfunc.py   sha1_hash32: the first 4 bytes of SHA-1, little endian
                           (MinHash's default hashfunc).
  datasketch/minhash.py    MinHash(num_perm=128, seed=1):
                             hashvalues   = ones(num_perm, uint64) * _max_hash
                             permutations = RandomState(seed); num_perm times
                               (randint(1, _mersenne_prime), randint(0, _mersenne_prime)),
                               both uint64, transposed into (a, b)
                           MinHash.update_batch(shingles):
                             hv  = [hashfunc(s) for s in shingles] as uint64, one column
                             phv = ((hv * a + b) % _mersenne_prime) & _max_hash
                                   (uint64 arithmetic: hv * a wraps modulo 2**64, as in
                                    datasketch)
                             hashvalues = minimum(hashvalues, phv.min(axis=0))
                             (older 1.x releases spell the last step
                              vstack([phv, hashvalues]).min(axis=0): same result)
                           MinHash.bulk(list_of_shingle_lists): one template MinHash,
                             then for each document copy() + update_batch(), returning
                             the list of all MinHashes.
                           MinHash.jaccard: share of equal hash values.
  datasketch/lsh.py        MinHashLSH(threshold=0.8, num_perm=128), weights (0.5, 0.5):
                             (b, r) = _optimal_param: grid search over b in 1..num_perm,
                             r in 1..num_perm//b minimising 0.5 * FP + 0.5 * FN, where
                             FP = integral_0^t 1-(1-s^r)^b ds and
                             FN = integral_t^1 (1-s^r)^b ds (scipy.integrate.quad, as
                             datasketch; a fine trapezoid rule if SciPy is missing).
                             For 0.8 / 128 this gives b=9, r=13.
                           insert(key, m): duplicate-key check against `keys`, then per
                             band i H = bytes(hashvalues[i*r:(i+1)*r].byteswap().data);
                             keys[key] += Hs; hashtables[i][H].add(key)
                           query(m): union of hashtables[i].get(H) over the bands.
  datasketch/storage.py    {'type': 'dict'} storage: `keys` is a DictListStorage
                           (defaultdict(list)), each band table a DictSetStorage
                           (defaultdict(set)).

The corpus-dedup driver around it (the usual recipe, e.g. the datasketch docs and
text-dedup style scripts) is:

  read the JSON Lines corpus (fields id, text) with json.loads, one line at a time;
  tokens   = text.lower().split()        (lower-case, split on Unicode whitespace)
  shingles = the set of " ".join(tokens[i:i+5]) for i in 0..len(tokens)-5
             (a document of 1..4 words gives one shingle: all its words), each
             encoded as UTF-8 bytes; documents without words are counted and left out;
  minhashes = MinHash.bulk(all shingle sets, num_perm=128, seed=1)
  lsh = MinHashLSH(threshold=0.8, num_perm=128); insert every document;
  query every document and collect each unordered candidate pair (a != b) once.

It reports the LSH candidate pairs ("pairs", what the issue counted) and, for
information, how many of them have a MinHash-estimated Jaccard >= threshold.
time.perf_counter() brackets the whole job, JSON reading and parsing included
(interpreter start-up and imports are not included; /usr/bin/time in run.sh sees them).

Usage: datasketch_baseline.py [--threshold F] [--perms N] [--shingle N] [--seed N]
                              [--pairs FILE] CORPUS.jsonl
Prints one JSON object on stdout: docs, bytes, mb, seconds, mb_per_s, docs_per_s,
bands, rows, pairs (LSH candidates), pairs_est_jaccard_ge_threshold, no_words.
"""
import argparse
import hashlib
import json
import os
import struct
import sys
import time
from collections import defaultdict

import numpy as np

try:
    from scipy.integrate import quad as _quad
except ImportError:  # pragma: no cover - python3-scipy absent
    _quad = None

# datasketch/minhash.py constants
_mersenne_prime = np.uint64((1 << 61) - 1)
_max_hash = np.uint64((1 << 32) - 1)
_hash_range = 1 << 32


# ---- datasketch/hashfunc.py -------------------------------------------------------------
def sha1_hash32(data):
    """32-bit hash from SHA-1, datasketch's default MinHash hashfunc."""
    return struct.unpack("<I", hashlib.sha1(data).digest()[:4])[0]


# ---- datasketch/minhash.py --------------------------------------------------------------
class MinHash:
    def __init__(self, num_perm=128, seed=1, hashfunc=sha1_hash32, hashvalues=None,
                 permutations=None):
        if hashvalues is not None:
            num_perm = len(hashvalues)
        if num_perm > _hash_range:
            raise ValueError("too many permutation functions")
        self.seed = seed
        self.num_perm = num_perm
        if not callable(hashfunc):
            raise ValueError("The hashfunc must be a callable.")
        self.hashfunc = hashfunc
        if hashvalues is not None:
            self.hashvalues = np.array(hashvalues, dtype=np.uint64)
        else:
            self.hashvalues = np.ones(num_perm, dtype=np.uint64) * _max_hash
        if permutations is not None:
            self.permutations = permutations
        else:
            self.permutations = self._init_permutations(num_perm)
        if len(self) != len(self.permutations[0]):
            raise ValueError("Numbers of hash values and permutations mismatch")

    def _init_permutations(self, num_perm):
        gen = np.random.RandomState(self.seed)
        pairs = []
        for _ in range(num_perm):
            a = gen.randint(1, _mersenne_prime, dtype=np.uint64)
            b = gen.randint(0, _mersenne_prime, dtype=np.uint64)
            pairs.append((a, b))
        return np.array(pairs, dtype=np.uint64).T

    def update_batch(self, values):
        hv_list = [self.hashfunc(v) for v in values]
        if not hv_list:
            return
        a, b = self.permutations
        hv = np.array(hv_list, dtype=np.uint64).reshape(-1, 1)
        phv = ((hv * a + b) % _mersenne_prime) & _max_hash
        self.hashvalues = np.minimum(self.hashvalues, phv.min(axis=0))

    def jaccard(self, other):
        if other.seed != self.seed or len(self) != len(other):
            raise ValueError("incompatible MinHashes")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))

    def digest(self):
        return self.hashvalues.copy()

    def copy(self):
        return MinHash(seed=self.seed, hashfunc=self.hashfunc, hashvalues=self.digest(),
                       permutations=self.permutations)

    def __len__(self):
        return len(self.hashvalues)

    @classmethod
    def generator(cls, data, **minhash_kwargs):
        template = cls(**minhash_kwargs)
        for values in data:
            m = template.copy()
            m.update_batch(values)
            yield m

    @classmethod
    def bulk(cls, data, **minhash_kwargs):
        return list(cls.generator(data, **minhash_kwargs))


# ---- datasketch/lsh.py ------------------------------------------------------------------
def _integrate(f, lo, hi):
    if _quad is not None:
        return _quad(f, lo, hi)[0]
    n = 2000  # trapezoid fallback: plenty for these smooth integrands
    h = (hi - lo) / n
    return h * (0.5 * f(lo) + sum(f(lo + i * h) for i in range(1, n)) + 0.5 * f(hi))


def _false_positive_probability(threshold, b, r):
    return _integrate(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)


def _false_negative_probability(threshold, b, r):
    return _integrate(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)


def _optimal_param(threshold, num_perm, false_positive_weight, false_negative_weight):
    min_error = float("inf")
    opt = (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _false_positive_probability(threshold, b, r)
            fn = _false_negative_probability(threshold, b, r)
            error = fp * false_positive_weight + fn * false_negative_weight
            if error < min_error:
                min_error = error
                opt = (b, r)
    return opt


class DictListStorage:
    """datasketch/storage.py: defaultdict(list) behind the Storage API."""

    def __init__(self):
        self._dict = defaultdict(list)

    def get(self, key):
        return self._dict.get(key, [])

    def insert(self, key, *vals):
        self._dict[key].extend(vals)

    def __contains__(self, key):
        return key in self._dict


class DictSetStorage(DictListStorage):
    """datasketch/storage.py: defaultdict(set) behind the Storage API."""

    def __init__(self):
        self._dict = defaultdict(set)

    def get(self, key):
        return self._dict.get(key, set())

    def insert(self, key, *vals):
        self._dict[key].update(vals)


class MinHashLSH:
    def __init__(self, threshold=0.9, num_perm=128, weights=(0.5, 0.5)):
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be in [0.0, 1.0]")
        if num_perm < 2:
            raise ValueError("Too few permutation functions")
        self.h = num_perm
        self.b, self.r = _optimal_param(threshold, num_perm, weights[0], weights[1])
        if self.b < 2:
            raise ValueError("The number of bands are too small (b < 2)")
        self.hashtables = [DictSetStorage() for _ in range(self.b)]
        self.hashranges = [(i * self.r, (i + 1) * self.r) for i in range(self.b)]
        self.keys = DictListStorage()

    @staticmethod
    def _H(hs):
        return bytes(hs.byteswap().data)

    def insert(self, key, minhash, check_duplication=True):
        if len(minhash) != self.h:
            raise ValueError("Expecting minhash with length %d, got %d" % (self.h, len(minhash)))
        if check_duplication and key in self.keys:
            raise ValueError("The given key already exists")
        Hs = [self._H(minhash.hashvalues[start:end]) for start, end in self.hashranges]
        self.keys.insert(key, *Hs)
        for H, hashtable in zip(Hs, self.hashtables):
            hashtable.insert(H, key)

    def query(self, minhash):
        if len(minhash) != self.h:
            raise ValueError("Expecting minhash with length %d, got %d" % (self.h, len(minhash)))
        candidates = set()
        for (start, end), hashtable in zip(self.hashranges, self.hashtables):
            H = self._H(minhash.hashvalues[start:end])
            for key in hashtable.get(H):
                candidates.add(key)
        return list(candidates)


# ---- the corpus-dedup driver ------------------------------------------------------------
def shingle_set(text, k):
    tokens = text.lower().split()
    if not tokens:
        return None
    n = max(len(tokens) - k + 1, 1)
    return {" ".join(tokens[i:i + k]).encode("utf-8") for i in range(n)}


def run(path, threshold, perms, k, seed, pairs_out):
    t0 = time.perf_counter()
    ids, shingles = [], []
    docs = no_words = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            docs += 1
            s = shingle_set(rec.get("text") or "", k)
            if s is None:
                no_words += 1
                continue
            ids.append(str(rec.get("id", docs)))
            shingles.append(s)

    minhashes = MinHash.bulk(shingles, num_perm=perms, seed=seed)
    lsh = MinHashLSH(threshold=threshold, num_perm=perms)
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(minhashes):
        for j in lsh.query(m):
            if j != i:
                pairs.add((i, j) if i < j else (j, i))
    est = sum(1 for i, j in pairs if minhashes[i].jaccard(minhashes[j]) >= threshold)
    seconds = time.perf_counter() - t0

    if pairs_out:
        with open(pairs_out, "w", encoding="utf-8") as f:
            for i, j in sorted(pairs):
                f.write("%s\t%s\t%.4f\n" % (ids[i], ids[j], minhashes[i].jaccard(minhashes[j])))
    nbytes = os.path.getsize(path)
    mb = nbytes / 1e6
    return {
        "implementation": "datasketch algorithm (re-implementation, numpy %s)" % np.__version__,
        "corpus": os.path.basename(path),
        "docs": docs,
        "bytes": nbytes,
        "mb": round(mb, 3),
        "seconds": round(seconds, 3),
        "mb_per_s": round(mb / seconds, 3),
        "docs_per_s": round(docs / seconds, 1),
        "perms": perms,
        "bands": lsh.b,
        "rows": lsh.r,
        "pairs": len(pairs),
        "pairs_est_jaccard_ge_threshold": est,
        "no_words": no_words,
        "integrator": "scipy.integrate.quad" if _quad is not None else "trapezoid",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--perms", type=int, default=128)
    ap.add_argument("--shingle", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pairs", metavar="FILE", help="write the candidate pairs (TSV) here")
    ap.add_argument("corpus")
    a = ap.parse_args()
    res = run(a.corpus, a.threshold, a.perms, a.shingle, a.seed, a.pairs)
    json.dump(res, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
