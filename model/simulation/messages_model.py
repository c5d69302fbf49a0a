"""The model's own messages (`simulation.model`), Indonesian and English."""

from __future__ import annotations

from ..core.text import Catalogue, Text


class ModelMsg(Catalogue, area="simulation.model"):
    """What stops a model from being built."""

    too_many_policies = Text(
        "policy: {n} kebijakan digabungkan; paling banyak {most} yang dapat digabungkan "
        "(satu kunci aliran acak untuk masing-masing)",
        "policy: {n} policies composed; at most {most} can be (one random stream key each)")
    several_governments = Text(
        "skenario {name} memuat beberapa pemerintah (bagian governments): jalankan dengan "
        "`run`, `compare` atau `dashboard`; perintah ini belum mendukung beberapa "
        "pemerintah. Untuk satu pemerintahnya, buat skenario dari pengaturan pemerintah itu",
        "scenario {name} holds several governments (a governments section): run it with "
        "`run`, `compare` or `dashboard`; this command does not support several "
        "governments yet. For one of its governments, make a scenario of that "
        "government's settings")
