"""Policies of the round between governments (a region of regions), by their words.

They are no `Policy` of a government's own rounds: the coordinator of a run of
several governments carries them out (`model.governments.round`). Reporting shows
their runs by these words and colours, as a built-in's.
"""

from __future__ import annotations

from ..core.text import Text, words

LABELS: dict[str, Text] = words("policies.between", {
    "redistribution": ("redistribusi guru antarpemerintah",
                       "teacher redistribution between governments"),
})
SUMMARIES: dict[str, Text] = words("policies.between.summary", {
    "redistribution": (
        "guru dari pemerintah di atas norma kebutuhan guru ke pemerintah di bawahnya, "
        "terdekat lebih dulu, satu putaran setahun (SKB lima menteri 2011)",
        "teachers from governments above the teacher-need norm to those below it, "
        "nearest first, one round a year (joint edict of five ministers, 2011)"),
})
COLORS = {"redistribution": "#8c564b"}
NAMES = tuple(LABELS)
