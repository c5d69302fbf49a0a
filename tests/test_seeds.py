"""The month's generators: the same bits as NumPy's `SeedSequence` would seed (core/seeds.py)."""

from __future__ import annotations

import copy
import pickle
import zlib

import numpy as np
import pytest

from model.core import seeds
from model.core.rng import STREAMS, RandomStreams

SEEDS = [0, 1, 7, 2**31 - 1, 2**32 - 1, 2**32, 2**53 + 1, 2**63 - 25, 2**64 - 1, 2**64,
         2**96 + 5, 2**128 - 1, 2**128 + 3, 2**150 + 77, 2**191 + 2**64 + 9]


def reference(seed: int, key: int, word: int) -> np.random.Generator:
    """What `RandomStreams.get` built before: the real SeedSequence."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed,
                                                                      spawn_key=(key, word))))


@pytest.mark.parametrize("seed", SEEDS)
def test_words_equal_seed_sequence(seed):
    rng = np.random.default_rng(seed % 2**32)
    keys = [zlib.crc32(s.encode()) for s in STREAMS] + [0, 1, seeds.M32]
    words = [0, 1, 2, 12, 121, 241, 2**16, 2**31, seeds.M32,
             *rng.integers(0, seeds.M32, 20, endpoint=True).tolist()]
    for key in keys:
        pre = seeds.prefix(seed, key)
        for word in words:
            want = np.random.SeedSequence(seed, spawn_key=(key, word)).generate_state(
                4, np.uint64)
            assert np.array_equal(seeds.state(pre, word), want), (seed, key, word)


def test_streams_draw_what_the_seed_sequence_draws():
    for seed in (0, 20260101, 2**62 + 99):
        streams = RandomStreams(seed)
        for name in STREAMS:
            key = zlib.crc32(name.encode())
            for month in (-1, 0, 1, 11, 12, 119, 240, 5000, 2**32 - 1, 2**32, 2**40):
                got, want = streams.get(name, month), reference(seed, key, month + 1)
                assert got.bit_generator.state == want.bit_generator.state
                assert np.array_equal(got.random(5), want.random(5))
        assert np.array_equal(streams.uniform("demography", 7, 1000),
                              reference(seed, zlib.crc32(b"demography"), 8).random(
                                  1000, dtype=np.float32))


def test_a_month_seed_behaves_as_the_real_sequence():
    seed, key = 123456789, zlib.crc32(b"policy")
    got = RandomStreams(seed).get("policy", 30)
    want = reference(seed, key, 31)
    ss = got.bit_generator.seed_seq
    assert (ss.entropy, ss.spawn_key) == (seed, (key, 31))
    assert np.array_equal(ss.generate_state(3), want.bit_generator.seed_seq.generate_state(3))
    # children come in the real sequence's order, call after call
    for n in (2, 1, 3):
        assert ([c.random() for c in got.spawn(n)]
                == [c.random() for c in want.spawn(n)])


def test_clones_continue_the_same_numbers():
    got = RandomStreams(99).get("demand", 4)
    want = reference(99, zlib.crc32(b"demand"), 5)
    got.random(3)
    after = want.random(7)[3:]
    for clone in (copy.deepcopy(got), pickle.loads(pickle.dumps(got))):
        assert np.array_equal(clone.random(4), after)


def test_bad_seed_and_stream_are_refused_as_before():
    with pytest.raises(ValueError, match="non-negative"):
        RandomStreams(-3).get("demand", 1)
    with pytest.raises(KeyError, match="unknown random stream"):
        RandomStreams(1).get("nonsense", 1)
    assert seeds.prefix(-1, 5) is None


def test_the_fast_path_is_taken_and_numpy_integers_are_months():
    streams = RandomStreams(2024)
    key = zlib.crc32(b"demography")
    got = streams.get("demography", 12)
    assert isinstance(got.bit_generator.seed_seq, seeds.MonthSeed)  # not SeedSequence
    for month in (np.int64(12), np.int32(12), np.uint32(12), np.uint64(12), np.int8(12)):
        same = streams.get("demography", month)
        assert same.bit_generator.state == reference(2024, key, 13).bit_generator.state
    with pytest.raises(TypeError):
        streams.get("demography", 12.0)


def test_a_changed_seed_is_the_seed_used():
    streams = RandomStreams(1)
    streams.get("demand", 3)
    streams.seed = 2
    want = reference(2, zlib.crc32(b"demand"), 4)
    assert streams.get("demand", 3).bit_generator.state == want.bit_generator.state


def test_an_unhashable_stream_name_is_an_unknown_stream():
    with pytest.raises(KeyError, match="unknown random stream"):
        RandomStreams(1).get(["demand"], 1)
