"""The workshop dashboard: Mesa's SolaraViz with the levers, panels and a paired comparison.

`run_sim.py dashboard [SCENARIO]` serves it (`server.serve`); `page.Page` is the
Solara page; `model.dashboard_model` is the Mesa model the controls re-create;
`panels` draw what a planner reads; `compare` runs the status quo beside the current
settings on paired seeds.
"""
