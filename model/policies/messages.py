"""What a planner reads about policies that fail: one key, Indonesian and English together.

A policy's own words (its label, summary and reasons) are declared on the policy class
(`base.Policy`); these are the errors raised when a policy or a custom policy's module
cannot be used.
"""

from __future__ import annotations

from ..core.text import Catalogue, Text


class PolicyMsg(Catalogue, area="policies"):
    """Errors of policies, custom policies and the registry."""

    not_moves = Text(
        "kebijakan {policy!r}: propose() mengembalikan {got}, yang diharapkan tabel Moves "
        "(model.policies.Moves)",
        "policy {policy!r}: propose() returned {got}, expected a Moves table "
        "(model.policies.Moves)")
    lengths_differ = Text(
        "kebijakan {policy!r}: panjang kolom Moves berbeda: {lengths}",
        "policy {policy!r}: Moves columns differ in length: {lengths}")
    unusable_moves = Text(
        "kebijakan {policy!r} mengusulkan {n} mutasi yang tidak dapat dipakai model (tidak "
        "ada yang diubah):\n  {problems}\n  id yang sah: pegawai aktif 0..{last_employee}; "
        "unit 0..{last_unit}; jabatan 0..{last_role}",
        "policy {policy!r} proposed {n} moves the model cannot use (nothing was changed):"
        "\n  {problems}\n  valid ids: active employees 0..{last_employee}; units "
        "0..{last_unit}; roles 0..{last_role}")
    not_whole = Text("{column} bukan bilangan bulat pada baris {rows}",
                     "{column} not a whole number at rows {rows}")
    unknown_employee = Text("pegawai tidak dikenal pada baris {rows}",
                            "unknown employee at rows {rows}")
    inactive_employee = Text("pegawai tidak aktif pada baris {rows}",
                             "inactive employee at rows {rows}")
    unknown_unit = Text("unit tidak dikenal pada baris {rows}", "unknown unit at rows {rows}")
    unknown_role = Text("jabatan tidak dikenal pada baris {rows}",
                        "unknown role at rows {rows}")
    duplicate_employee = Text("pegawai ganda pada baris {rows}",
                              "duplicate employee at rows {rows}")
    priority_numbers = Text("priority harus berupa angka", "priority must be numbers")
    rows_more = Text("[{shown} dan {more} lainnya]", "[{shown} and {more} more]")
    optimal_no_people = Text(
        "kebijakan 'optimal': tidak layak: min_coverage {min_coverage} dari kekurangan {n} "
        "unit-jabatan tidak dapat dipenuhi tanpa pegawai atau anggaran untuk dipindahkan; "
        "turunkan policies.optimal.min_coverage atau naikkan anggaran",
        "policy 'optimal': infeasible: min_coverage {min_coverage} of the deficit of {n} "
        "unit-roles cannot be met with no people or budget to move; lower "
        "policies.optimal.min_coverage or raise the budget")
    optimal_unsolved = Text(
        "kebijakan 'optimal': masalah transportasi tidak dapat diselesaikan ({why}); dengan "
        "min_coverage = {min_coverage} dan {limit} mutasi yang diizinkan pada putaran ini. "
        "Perbaikan: turunkan policies.optimal.min_coverage atau naikkan anggaran "
        "mutation.constraints",
        "policy 'optimal': the transportation problem could not be solved ({why}); with "
        "min_coverage = {min_coverage} and {limit} moves allowed this round. Fix: lower "
        "policies.optimal.min_coverage or raise mutation.constraints budgets")
    custom_where = Text("kebijakan sendiri {cls!r} dari {module!r}",
                        "custom policy {cls!r} from {module!r}")
    custom_no_file = Text(
        "{where}: berkas tidak ditemukan ({path})\n  perbaikan: jalurnya relatif terhadap "
        "berkas skenario",
        "{where}: file not found ({path})\n  fix: the path is relative to the scenario file")
    custom_import = Text("{where}: tidak dapat diimpor: {error}",
                         "{where}: cannot import it: {error}")
    custom_no_class = Text("{where}: modul tidak memiliki kelas {cls!r}",
                           "{where}: the module has no class {cls!r}")
    custom_no_propose = Text("{where}: kelas tidak memiliki metode propose(view, rng)",
                             "{where}: the class has no propose(view, rng) method")
    custom_params = Text("{where}: tidak dapat dibuat dengan policy.params {params}: {error}",
                         "{where}: cannot create it with policy.params {params}: {error}")
    # the words shown for a custom policy, whose class reporting never sees
    custom_summary = Text("kebijakan sendiri (kelas dari modul pengguna)",
                          "own policy (a class from the user's module)")
