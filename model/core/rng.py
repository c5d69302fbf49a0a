"""Named random streams: one per process, one generator per (stream, month).

Every draw comes from `streams.get(name, month)`, a generator seeded by
`SeedSequence(seed, spawn_key=(stream, month))`. Draws for one process therefore
never shift because another process (or a policy) drew more or fewer numbers, and
per-row draws (`uniform(name, month, n)`) give row i the same number in every run
with that seed (a longer draw extends a shorter one). This is what makes runs under
two policies, or two recruitment quotas, share their retirements, exits and demand
shocks: common random numbers.
"""

from __future__ import annotations

import operator
import zlib

import numpy as np

from . import seeds

STREAMS: tuple[str, ...] = (
    "region",
    "demography",  # exits and PPPK contract renewals share one draw per row
    "demand",
    "recruitment",
    "policy",
    "response",
    "requests",
    "objection",  # whether an objection cancels a decree (one draw per row and month)
)
# policies in one composition (a+b+...): the policy stream of a round is keyed
# month * MAX_COMPOSED + position, so at most this many keep months apart
MAX_COMPOSED = 16


class RandomStreams:
    """Factory of named, month-keyed generators derived from one seed."""

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        # per stream: the seed, its key's checksum and the two mixed (`seeds.prefix`)
        self._prefixes: dict[str, tuple[int, int, seeds.Prefix | None]] = {}

    def get(self, name: str, month: int = -1) -> np.random.Generator:
        """Generator for stream `name` at `month` (-1 for a run-wide stream).

        The stream's key is a checksum of its name, so adding a stream never changes
        the numbers of another. The generator is the one `SeedSequence(seed,
        spawn_key=(key, month + 1))` seeds, its words finished from the stream's
        prefix (`core.seeds`: the same bits, without building the sequence).
        """
        try:
            known = self._prefixes.get(name)
        except TypeError:  # not a name at all: refused below, as any unknown stream
            known = None
        if known is None or known[0] != self.seed:
            if name not in STREAMS:
                raise KeyError(f"unknown random stream {name!r}; add it to STREAMS")
            key = zlib.crc32(name.encode())
            known = self._prefixes[name] = (self.seed, key, seeds.prefix(self.seed, key))
        _, key, pre = known
        word = operator.index(month) + 1  # a NumPy integer too, as a Python int
        if pre is None or not 0 <= word <= seeds.M32:  # SeedSequence's own path (or error)
            ss = np.random.SeedSequence(self.seed, spawn_key=(key, word))
            return np.random.Generator(np.random.PCG64(ss))
        words = seeds.state(pre, word)
        return np.random.Generator(np.random.PCG64(seeds.MonthSeed(self.seed, (key, word),
                                                                   words)))

    def keyed(self, name: str, *labels: str) -> np.random.Generator:
        """Generator for stream `name` keyed by labels (e.g. "units", a unit kind's key).

        Each label enters the seed as a checksum, so a unit kind's draws depend on its
        key alone: adding, removing or changing another kind leaves them as they were.
        """
        if name not in STREAMS:
            raise KeyError(f"unknown random stream {name!r}; add it to STREAMS")
        key = (zlib.crc32(name.encode()), 0, *(zlib.crc32(label.encode()) for label in labels))
        return np.random.Generator(np.random.PCG64(np.random.SeedSequence(self.seed,
                                                                          spawn_key=key)))

    def uniform(self, name: str, month: int, n: int) -> np.ndarray:
        """One float32 uniform per row 0..n-1; row i's number is the same in every run."""
        return self.get(name, month).random(n, dtype=np.float32)


def replication_seeds(seed: int, replications: int) -> list[int]:
    """Seeds of replications 0..R-1: the same for every policy (paired comparisons)."""
    children = np.random.SeedSequence(seed).spawn(replications)
    return [int(c.generate_state(1, np.uint64)[0] >> np.uint64(1)) for c in children]
