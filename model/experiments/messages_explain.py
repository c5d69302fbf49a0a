"""The explanation of each move (`experiments.explain`), Indonesian first, English complete."""

from __future__ import annotations

from ..core.text import words

EXPLAIN = words("experiments.explain", {
    "why_person": (
        "{role} di {unit} selama {years} tahun (minimum masa jabatan {minimum} bulan); "
        "nilai kinerja {performance} (kuartil {quartile} dari {quartiles}); kompetensi di "
        "bidang unit tujuan {comp_to} (di bidang unit sekarang {comp_now}); daerah asal "
        "{home}: tujuan berjarak {km_to} km dari daerah asal (tugas sekarang {km_now} km).",
        "{role} at {unit} for {years} years (minimum tenure {minimum} months); performance "
        "score {performance} (quartile {quartile} of {quartiles}); competence in the "
        "destination's field {comp_to} (in the present unit's field {comp_now}); home "
        "district {home}: the destination is {km_to} km from home (the present post "
        "{km_now} km)."),
    "why_unit": (
        "{unit} {need} {role}: EJ {ej_before} → {ej_after} sesudah mutasi. Unit asal "
        "{origin} (EJ {ej_origin_before} → {ej_origin_after}).",
        "{unit} {need} {role}: EJ {ej_before} → {ej_after} after the move. The origin "
        "{origin} (EJ {ej_origin_before} → {ej_origin_after})."),
    "deficit": ("kekurangan {fte} FTE", "lacks {fte} FTE of"),
    "surplus": ("kelebihan {fte} FTE", "has a surplus of {fte} FTE of"),
    "origin_deficit": ("kekurangan {fte} FTE", "lacks {fte} FTE"),
    "origin_surplus": ("kelebihan {fte} FTE", "has {fte} FTE more than it needs"),
    "training": ("pelatihan pasca-mutasi", "post-transfer training"),
    "mentoring": ("pendampingan selama {months} bulan", "mentoring for {months} months"),
    "allowance": ("tunjangan daerah terpencil {amount} per bulan",
                  "remote-area allowance of {amount} a month"),
    "socialization": ("sosialisasi program sebelum putaran",
                      "socialisation of the programme before the round"),
    "participation": ("pegawai dapat menyampaikan preferensi tujuan (daerah asal)",
                      "the person may state a preferred destination (home district)"),
    "monitoring": ("pemantauan adaptasi sesudah {months} bulan, dengan pelatihan bila perlu",
                   "monitoring of adaptation after {months} months, with training if needed"),
    "no_support": ("tidak ada dukungan khusus dalam skenario ini (pelatihan, pendampingan, "
                   "tunjangan: tidak aktif)",
                   "no particular support in this scenario (training, mentoring, "
                   "allowance: off)"),
    "adaptation": ("sekitar {months} bulan sampai produktivitas mendekati penuh (dalam 5 %)",
                   "about {months} months until productivity is near full (within 5 %)"),
})
