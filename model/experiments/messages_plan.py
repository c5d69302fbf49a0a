"""The draft plan's messages and words (`experiments.plan`), Indonesian and English."""

from __future__ import annotations

from ..core.text import Catalogue, Text, words


class PlanMsg(Catalogue, area="experiments.plan"):
    """Why a plan cannot be drafted for the round asked."""

    no_round = Text(
        "plan: skenario tidak memuat putaran mutasi dalam horizonnya (mutation.months, years)",
        "plan: the scenario holds no mutation round within its horizon (mutation.months, "
        "years)")
    round_format = Text(  # `when` is quoted as given ('januari')
        "--round {when}: format YYYY-MM, mis. {example}",
        "--round {when}: expected YYYY-MM, e.g. {example}")
    round_not_held = Text(
        "--round {when}: tidak ada putaran mutasi pada bulan itu; putaran diadakan pada bulan "
        "{months} sejak {year}: {shown}, ...",
        "--round {when}: no mutation round that month; rounds are held in months {months} "
        "from {year}: {shown}, ...")


# the words of the moves sheet's cells ({n}: a count written in the reader's language)
PLAN_WORDS = words("experiments.plan.words", {
    "picked_at_random": (
        "contoh: 1 dari {n} yang dapat dipindah di unit dan jabatan asal (dipilih acak; tim "
        "menentukan orangnya)",
        "an example: 1 of {n} who may move in the origin unit and position (picked at "
        "random; the team chooses who)"),
    "by_rule": ("dipilih menurut aturan kebijakan", "chosen by the policy's rule"),
    "starting_data": ("data awal", "starting data"),
    "simulated": ("hasil simulasi", "simulated"),
})
