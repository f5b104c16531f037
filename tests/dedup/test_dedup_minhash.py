"""MinHash, shingles, banding and the normalised content hash."""

from __future__ import annotations

import numpy as np
import pytest
from docpipe_builtins.dedup.lsh import BandIndex, UnionFind, band_keys, candidate_probability
from docpipe_builtins.dedup.minhash import (
    MinHasher,
    containment_from_jaccard,
    jaccard_estimate,
    word_shingle_hashes,
)
from docpipe_builtins.dedup.normalize import content_hash, normalize_text, tokenize, word_hashes, word_tokens


def random_pair(rng, size_a, size_b, shared):
    universe = rng.choice(2**62, size=size_a + size_b - shared, replace=False).astype(np.uint64)
    a = universe[:size_a]
    b = np.concatenate([universe[:shared], universe[size_a:]])
    return a, b, shared / (size_a + size_b - shared)


@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_minhash_estimates_jaccard_within_the_expected_error(num_perm):
    rng = np.random.default_rng(7)
    hasher = MinHasher(num_perm, seed=3)
    z_scores = []
    for _ in range(150):
        size_a, size_b = rng.integers(50, 3000, size=2)
        shared = int(rng.integers(0, min(size_a, size_b) + 1))
        a, b, true_j = random_pair(rng, int(size_a), int(size_b), shared)
        estimate = jaccard_estimate(hasher.signature(a), hasher.signature(b))
        sd = max(np.sqrt(true_j * (1 - true_j) / num_perm), 1 / num_perm)
        assert abs(estimate - true_j) <= 5 * sd  # never a gross error
        z_scores.append((estimate - true_j) / sd)
    z = np.array(z_scores)
    # Unbiased, and the spread is the binomial one: sqrt(J (1-J) / num_perm).
    assert abs(z.mean()) < 0.3
    assert 0.7 < z.std() < 1.3


def test_identical_and_disjoint_sets():
    rng = np.random.default_rng(1)
    hasher = MinHasher(128, seed=1)
    a, b, _ = random_pair(rng, 500, 500, 0)
    assert jaccard_estimate(hasher.signature(a), hasher.signature(a.copy())) == 1.0
    assert jaccard_estimate(hasher.signature(a), hasher.signature(b)) < 0.05


def test_signature_is_deterministic_per_seed_and_picklable():
    import pickle

    x = np.arange(1, 1000, dtype=np.uint64) * np.uint64(2654435761)
    one, again = MinHasher(128, seed=5), pickle.loads(pickle.dumps(MinHasher(128, seed=5)))
    assert np.array_equal(one.signature(x), again.signature(x))
    assert not np.array_equal(one.signature(x), MinHasher(128, seed=6).signature(x))


def test_containment_from_jaccard_recovers_an_abridged_copy():
    # A copy holding 300 of the original's 1000 shingles: J = 0.3, containment 1.
    assert containment_from_jaccard(0.3, 300, 1000) == pytest.approx(1.0)
    assert containment_from_jaccard(0.0, 300, 1000) == 0.0


def test_normalisation_ignores_case_quotes_dashes_whitespace_and_unicode_forms():
    a = 'He said "don\'t close the pier" - twice.'
    b = "HE  said  “don’t close the pier” — twice."
    c = "Ｈｅ said «don't close the pier» – twice."
    assert content_hash(a) == content_hash(b) == content_hash(c)
    assert content_hash(a) != content_hash("He said don't open the pier - twice.")
    assert normalize_text(b) == "he said don't close the pier - twice."
    assert word_tokens(c) == ["he", "said", "don't", "close", "the", "pier", "twice"]


def test_tokenize_offsets_point_into_the_original_text():
    text = "«Ça va», dit-elle. It's £5 — O’Neil’s"
    words = tokenize(text)
    assert [text[s:e] for s, e in zip(words.starts.tolist(), words.ends.tolist())] == [
        "Ça", "va", "dit", "elle", "It's", "5", "O’Neil’s"]


def test_word_shingles_count_distinct_ngrams():
    hashes = word_hashes("a b c a b c a b c")
    assert word_shingle_hashes(hashes, 3).size == 3  # abc, bca, cab
    assert word_shingle_hashes(word_hashes("short text"), 5).size == 1  # fewer words than the size


def test_band_keys_and_index_find_shared_bands():
    rng = np.random.default_rng(2)
    sigs = rng.integers(0, 2**32, size=(3, 128), dtype=np.uint64).astype(np.uint32)
    sigs[1, :2] = sigs[0, :2]  # band 0 equal
    keys = band_keys(sigs, 64, 2)
    assert np.array_equal(keys[0], band_keys(sigs[0], 64, 2))
    index = BandIndex(min_buffer=4)  # small buffer: exercises the merge into the sorted part
    index.add(keys[0], 0)
    index.add(keys[2], 2)
    assert index.lookup(keys[1]) == [0]
    assert sorted(index.lookup(keys[2])) == [2] * 64
    assert candidate_probability(0.3, 64, 2) > 0.99 and candidate_probability(0.02, 64, 2) < 0.03


def test_union_find_roots_are_the_first_seen():
    uf = UnionFind()
    a, b, c = uf.add(), uf.add(), uf.add()
    d = uf.add(parent=c)
    assert uf.union(d, b) == b and uf.find(c) == b and uf.find(a) == a


def test_long_texts_are_tokenised_in_blocks_with_the_same_result(monkeypatch):
    from docpipe_builtins.dedup import normalize

    text = "The pier, it's said, reopens on Monday.\n" * 400
    whole = normalize.tokenize(text)
    monkeypatch.setattr(normalize, "_BLOCK", 1000)
    blocks = normalize.tokenize(text)
    assert np.array_equal(whole.hashes, blocks.hashes)
    assert np.array_equal(whole.starts, blocks.starts) and np.array_equal(whole.ends, blocks.ends)
