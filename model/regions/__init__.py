"""Regions built for a run: synthetic (from the scenario's numbers) or from a region's own files.

A layer of its own between the scenario (what the numbers and files say) and the world
(the tables a run steps): `synthetic` builds units and staff from the `region` section,
`ages` gives the smooth age curve, `roster` and `employees` turn a region's own files
(read by `model.scenario.readers`/`tables`/`cells`) into state tables, and `nip` reads and
writes NIPs.
"""
