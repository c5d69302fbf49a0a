"""NumPy's `SeedSequence` for a stream's months, without building one every month.

`RandomStreams.get(name, month)` seeds PCG64 with `SeedSequence(seed, spawn_key=(key,
month + 1))`. Building that object costs ~20 us (Python-level coercion of the entropy,
then PCG64 asking it for four words), and a month asks for a few generators: ~5 % of a
kabupaten's month. What PCG64 reads is only `generate_state(4, uint64)`, and the hash
that makes it mixes the run's seed and the stream's key first, the month last. So the
mix up to the month is computed once per (seed, stream) (`prefix`) and each month
finishes it (`state`): the same algorithm as NumPy's `bit_generator.pyx`, on Python
integers, and therefore the same four words (tests/test_seeds.py compares them with
`SeedSequence` over seeds of one to six 32-bit words, streams and months).

`MonthSeed` hands the words to PCG64 (which accepts any `ISeedSequence`); what else a
generator asks of its seed sequence (`spawn`, other word counts) is answered by the real
`SeedSequence`, built on demand. It is not a `SeedSequence` instance and has no `pool`
or `state` of its own (nothing in this project reads them).
"""

from __future__ import annotations

import numpy as np
from numpy.random.bit_generator import ISpawnableSeedSequence

M32 = 0xFFFFFFFF
# NumPy's constants (bit_generator.pyx, after Melissa O'Neill's seed_seq_fe)
INIT_A, MULT_A = 0x43B0D7E5, 0x931E8875
INIT_B, MULT_B = 0x8B51F9DD, 0x58F38DED
MIX_L, MIX_R = 0xCA01F9DD, 0x4973F715
POOL = 4

Prefix = tuple[tuple[int, ...], tuple[tuple[int, int], ...]]


def _constants(init: int, mult: int, n: int) -> list[tuple[int, int]]:
    """The hash constant before and after each of `n` successive hashes."""
    out, c = [], init
    for _ in range(n):
        after = (c * mult) & M32
        out.append((c, after))
        c = after
    return out


def _words(n: int) -> list[int]:
    """A non-negative integer as 32-bit words, least significant first ([0] for 0)."""
    out = [n & M32]
    n >>= 32
    while n:
        out.append(n & M32)
        n >>= 32
    return out


# generate_state's eight hashes (four 64-bit words), always the same constants
_GENERATE = tuple(_constants(INIT_B, MULT_B, 2 * POOL))


def prefix(seed: int, key: int) -> Prefix | None:
    """The pool mixed from `seed` and the stream's `key`, and the month's hash constants.

    None for a negative seed (which `SeedSequence` refuses: the caller asks it, and
    gets its error).
    """
    if seed < 0 or key < 0:
        return None
    run = _words(seed)
    entropy = run + [0] * (POOL - len(run)) + _words(key)
    hashes = POOL + POOL * (POOL - 1) + POOL * (len(entropy) - POOL) + POOL
    consts = iter(_constants(INIT_A, MULT_A, hashes))

    def hashmix(value: int) -> int:
        before, after = next(consts)
        value = ((value ^ before) * after) & M32
        return value ^ (value >> 16)

    def mix(x: int, y: int) -> int:
        r = (MIX_L * x - MIX_R * y) & M32
        return r ^ (r >> 16)

    mixer = [hashmix(entropy[i]) for i in range(POOL)]
    for src in range(POOL):
        for dst in range(POOL):
            if src != dst:
                mixer[dst] = mix(mixer[dst], hashmix(mixer[src]))
    for src in range(POOL, len(entropy)):
        for dst in range(POOL):
            mixer[dst] = mix(mixer[dst], hashmix(entropy[src]))
    return tuple(mixer), tuple(next(consts) for _ in range(POOL))


def state(pre: Prefix, word: int) -> np.ndarray:
    """`generate_state(4, uint64)` once the last entropy word `word` (< 2**32) is mixed in."""
    mixer, consts = pre
    pool = []
    for m, (before, after) in zip(mixer, consts, strict=True):
        v = ((word ^ before) * after) & M32
        v ^= v >> 16
        r = (MIX_L * m - MIX_R * v) & M32
        pool.append(r ^ (r >> 16))
    w = []
    for i, (before, after) in enumerate(_GENERATE):
        v = ((pool[i % POOL] ^ before) * after) & M32
        w.append(v ^ (v >> 16))
    return np.array([w[0] | w[1] << 32, w[2] | w[3] << 32, w[4] | w[5] << 32,
                     w[6] | w[7] << 32], np.uint64)


class MonthSeed(ISpawnableSeedSequence):
    """`SeedSequence(entropy, spawn_key)` whose four 64-bit words are already known."""

    __slots__ = ("entropy", "spawn_key", "_words", "_seq")

    def __init__(self, entropy: int, spawn_key: tuple[int, ...], words: np.ndarray) -> None:
        self.entropy = entropy
        self.spawn_key = spawn_key
        self._words = words
        self._seq: np.random.SeedSequence | None = None

    def _real(self) -> np.random.SeedSequence:
        """The real object (kept: it counts the children it spawned)."""
        if self._seq is None:
            self._seq = np.random.SeedSequence(self.entropy, spawn_key=self.spawn_key)
        return self._seq

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        """What PCG64 asks (4 words of uint64) from memory; anything else computed."""
        if n_words == POOL and np.dtype(dtype) == np.uint64:
            return self._words.copy()
        return self._real().generate_state(n_words, dtype)

    def spawn(self, n_children: int) -> list[np.random.SeedSequence]:
        """Children, as the real `SeedSequence` spawns them."""
        return self._real().spawn(n_children)
