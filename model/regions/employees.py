"""Check a region's roster row by row: every problem recorded, the columns as model codes.

`check_employees` reads the employees file and records every problem of every row
(file, row, column, value, reason) in a `Problems` list; the region is built from
its columns only when there is none. The NIP is checked first: a NIP that went
through a number (an Excel number cell) is refused before anything else is said
about the row, since its digits are no longer the person's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.state import retirement_month
from ..core.text import Message
from ..core.vocab import POSITION_INDEX, POSITION_TYPES, Vocabulary
from ..scenario import roster_columns as cols
from ..scenario.cells import check_dates, number, occupation_codes
from ..scenario.government_rows import read_rows
from ..scenario.messages_region import Reason, RosterReason
from ..scenario.scenario import Scenario
from ..scenario.tables import Problems, file_label, float_cells, text
from . import nip as nips


def check_employees(scenario: Scenario, path: str, unit_frame: pd.DataFrame, vocab: Vocabulary,
               districts: list[str], problems: Problems) -> dict[str, np.ndarray]:
    """Check the roster (problems recorded); return its columns as model codes."""
    start = scenario.start_year * 12
    file = file_label(path, "employees")
    df = read_rows(path, "employees", cols.EMPLOYEES, scenario.region.government, file,
                   problems, keep_prefix="competence_")
    rows = df["_row"].to_numpy()
    n = len(df)

    def add(mask: np.ndarray, column: str, values: pd.Series, reason) -> None:
        """Errors on the rows of `mask` (reason: one message, or one per row)."""
        if mask.any():
            problems.add(file, rows[mask], column, values[mask],
                         reason if isinstance(reason, Message)
                         else np.asarray(reason, dtype=object)[mask])

    year = scenario.start_year

    out: dict[str, np.ndarray] = {}
    # NIP: a number cell is refused before any other check (its digits are not the NIP's)
    nip_raw = text(df, "nip")
    nip_text, stored_asnumber, normalised = nips.clean(nip_raw, float_cells(df, "nip"))
    parsed = nips.parse(nip_text)
    add(stored_asnumber, "nip", nip_raw, RosterReason.nip_number())
    rounded = parsed.digits_ok & (nip_text.str.slice(15) == "000").to_numpy(bool)
    add(rounded, "nip", nip_raw, RosterReason.nip_rounded())
    parsed.ok &= ~rounded
    empty = (nip_raw == "").to_numpy(bool)
    add(empty, "nip", nip_raw, Reason.required())
    add(~parsed.digits_ok & ~stored_asnumber & ~empty, "nip", nip_raw,
        RosterReason.nip_digits())
    add(parsed.digits_ok & ~parsed.ok & ~rounded, "nip", nip_raw, RosterReason.nip_invalid())
    dup = (nip_text.duplicated(keep=False) & (nip_text != "")).to_numpy()
    add(dup, "nip", nip_raw, RosterReason.nip_twice())
    if normalised.any():
        first = int(np.flatnonzero(normalised)[0])
        problems.add(file, np.array([0]), "nip", nip_raw.iloc[first],
                     RosterReason.nips_grouped(n=int(normalised.sum()),
                                               example=nip_text.iloc[first]), "warning")
    out["nip"] = parsed.value
    # birth date, agreeing with the NIP
    birth_raw = text(df, "birth_date")
    birth, bad_birth, birth_dt = check_dates(problems, file, rows, "birth_date", birth_raw,
                                              True)
    nip_birth = parsed.birth
    disagree = (parsed.ok & ~bad_birth
                & (birth_dt.dt.strftime("%Y%m%d") != nip_birth.dt.strftime("%Y%m%d"))
                .to_numpy())
    add(disagree, "birth_date", birth_raw, RosterReason.birth_vs_nip())
    age = start - birth
    add(~bad_birth & ((age < 15 * 12) | (age > 80 * 12)), "birth_date", birth_raw,
        RosterReason.impossible_age(year=year))
    out["birth"] = birth
    # sex
    sex_raw = text(df, "sex")
    female = sex_raw.map(lambda v: cols.SEX_WORDS.get(cols.word(v)))
    bad = female.isna().to_numpy()
    add(bad, "sex", sex_raw, RosterReason.sex())
    female = female.fillna(False).to_numpy(bool)
    add(parsed.ok & ~bad & (female != parsed.female), "sex", sex_raw, RosterReason.sex_vs_nip())
    out["female"] = female
    # employment, contract end
    emp_raw = text(df, "employment")
    emp = emp_raw.str.upper()
    bad = ~emp.isin(["PNS", "PPPK"]).to_numpy()
    add(bad, "employment", emp_raw, RosterReason.employment())
    pppk = (emp == "PPPK").to_numpy()
    out["employment"] = pppk
    end_raw = text(df, "contract_end")
    end, bad_end, _ = check_dates(problems, file, rows, "contract_end", end_raw, False)
    add(pppk & (end_raw == "").to_numpy(), "contract_end", end_raw,
        RosterReason.contract_end_empty())
    add(pppk & ~bad_end & (end < start), "contract_end", end_raw,
        RosterReason.contract_ended(year=year))
    out["contract_end"] = np.where(pppk & ~bad_end, end, np.iinfo(np.int32).max)
    # position type -> BUP, retirement
    pos_raw = text(df, "position_type")
    pos = pos_raw.map(lambda v: cols.POSITION_WORDS.get(cols.word(v), "?"))
    bad_pos = (pos == "?").to_numpy()
    add(bad_pos, "position_type", pos_raw,
        RosterReason.roster_position_type(known=", ".join(POSITION_TYPES)))
    position = pos.map(lambda p: POSITION_INDEX.get(p, 0)).to_numpy(np.int64)
    bup = scenario.demography.bup_by_position()[position]
    retire_at = retirement_month(birth, bup)
    # retirement on the first day of the month after the BUP: whoever retires on the
    # first day of the start month is still in service in month 0 (as in a built region)
    late = ~bad_pos & ~bad_birth & (retire_at < start)
    add(late, "birth_date", birth_raw, _past_retirement(late, bup, pos, year))
    out["position"], out["retire_at"] = position, retire_at
    # occupation, education field
    occ_raw = text(df, "occupation")
    occ, how = occupation_codes(occ_raw, scenario, vocab)
    empty = (occ_raw == "").to_numpy(bool)
    add(empty, "occupation", occ_raw, Reason.required())
    bad = occ.isna().to_numpy() & ~empty
    add(bad, "occupation", occ_raw, how.to_numpy(object))
    by_name = (how == "label").to_numpy(bool)
    if by_name.any():
        first = int(np.flatnonzero(by_name)[0])
        problems.add(file, np.array([0]), "occupation", occ_raw.iloc[first],
                     RosterReason.by_label(n=int(by_name.sum()),
                                           example=vocab.occupations[int(occ.iloc[first])]),
                     "warning")
    out["occupation"] = occ.fillna(0).to_numpy(np.int64)
    edu_raw = text(df, "education_field")
    edu = edu_raw.map(vocab.family_index)
    bad = (edu.isna() & (edu_raw != "")).to_numpy()
    problems.add(file, rows[bad], "education_field", edu_raw[bad],
                 RosterReason.education(families=", ".join(vocab.families)), "warning")
    out["education"] = edu.fillna(-1).to_numpy(np.int64)
    # unit, home
    code_raw = text(df, "unit_code")
    unit_of = pd.Series(np.arange(len(unit_frame)),
                        index=unit_frame["unit_code"]).groupby(level=0).first()
    unit = code_raw.map(unit_of)
    bad = unit.isna().to_numpy()
    add(bad, "unit_code", code_raw, Reason.unit_code())
    unit = unit.fillna(0).to_numpy(np.int64)
    out["unit"] = unit
    home_raw = text(df, "home_district")
    d_index = {d: i for i, d in enumerate(districts)}
    home = home_raw.map(d_index)
    bad = (home.isna() & (home_raw != "")).to_numpy()
    add(bad, "home_district", home_raw, RosterReason.home_district())
    unit_district = unit_frame["district"].map(d_index).fillna(0).to_numpy(np.int64)
    out["home"] = np.where(home.isna(), unit_district[unit], home.fillna(0)).astype(np.int64)
    # appointment (NIP TMT or its column), position start
    app_raw = text(df, "appointment_date")
    app, bad_app, _ = check_dates(problems, file, rows, "appointment_date", app_raw, False)
    given = (app_raw != "").to_numpy() & ~bad_app
    add(given & parsed.ok & (app != parsed.start_month), "appointment_date", app_raw,
        RosterReason.appointment_vs_nip())
    hire = np.where(given, app, parsed.start_month)
    add(parsed.ok & (hire > start), "nip", nip_raw, RosterReason.appointed_after(year=year))
    add(parsed.ok & ~bad_birth & (hire < birth + 15 * 12), "nip", nip_raw,
        RosterReason.appointed_young())
    out["hire_at"] = hire
    ps_raw = text(df, "position_start")
    moved, bad_ps, _ = check_dates(problems, file, rows, "position_start", ps_raw, True)
    add(~bad_ps & (moved > start), "position_start", ps_raw, RosterReason.after_start(year=year))
    add(~bad_ps & parsed.ok & (moved < hire), "position_start", ps_raw,
        RosterReason.before_appointment())
    out["moved_at"] = moved
    # performance, competence
    perf_raw = text(df, "performance")
    perf = number(perf_raw, share=True)
    add(((perf_raw != "") & (perf.isna() | (perf < 0) | (perf > 1))).to_numpy(),
        "performance", perf_raw, RosterReason.share())
    out["performance"] = perf.to_numpy(float)
    comp = np.full((n, len(vocab.families)), np.nan)
    for f, family in enumerate(vocab.families):
        column = f"competence_{family}"
        if column in df:
            raw = text(df, column)
            val = number(raw, share=True)
            add(((raw != "") & (val.isna() | (val < 0) | (val > 1))).to_numpy(), column, raw,
                RosterReason.share())
            comp[:, f] = val.to_numpy(float)
    out["competence"] = comp
    out["government"] = df.attrs.get("government")  # the one it names, if it does
    return out


def _past_retirement(late: np.ndarray, bup: np.ndarray, position: pd.Series,
                     year: int) -> np.ndarray:
    """Per row, why a person is refused as past the BUP of their position (rows of `late`)."""
    out = np.empty(late.size, object)
    pairs = list(zip(bup[late].tolist(), position.to_numpy(object)[late], strict=True))
    made = {pair: RosterReason.past_retirement(bup=pair[0], position=pair[1], year=year)
            for pair in set(pairs)}
    out[late] = [made[pair] for pair in pairs]
    return out
