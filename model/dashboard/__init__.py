"""The workshop dashboard: a Solara page over the Mesa model, levers, panels, comparison.

`run_sim.py dashboard [SCENARIO]` serves it (`server.serve`); `page.Page` is the
Solara page; `model.dashboard_model` is the Mesa model the controls re-create and
`model.View` the copy of its numbers the panels draw; `controls` holds the levers and
runs Reset, Step and ▶ in the session's background thread; `panels` draw what a
planner reads; `compare` runs the status quo beside the current settings on paired
seeds.
"""
