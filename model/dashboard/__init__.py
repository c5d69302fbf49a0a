"""The workshop dashboard: a Solara page over the Mesa model, levers, panels, comparison.

`run_sim.py dashboard [SCENARIO]` serves it (`server.serve`); `page.Page` is the
Solara page; `model.dashboard_model` is the Mesa model the controls re-create and
`model.View` the copy of its numbers the panels draw; `controls` holds the levers and
runs Reset, Step and ▶ in the session's background thread; `panels` draw what a
planner reads, each chart a frame that stays and the data a step changes, which the
session's `painter.Painter` draws again without building the figure again; `compare`
runs the status quo beside the current settings on paired seeds.

Why not Mesa's SolaraViz (issue 22): it lays panels in a grid of fixed-height cells,
so a growing comparison card was drawn over the map and the transfers; its Step runs
the year inside the click handler, so with five sessions on two cores the websocket
stopped answering pings and sessions were lost; its controls cannot show a policy's
name or a slider's value; and importing it pulls in altair (2.7 s at start). The
model still passes Mesa's own parameter check (`dashboard_model`, tested), so
SolaraViz can drive it again when it can do these things.
"""
