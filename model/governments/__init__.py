"""A region of regions: several governments in one scenario, moves between them, shards.

`members` resolves each government's own scenario and seeds; `shard` steps some
governments in one process; `round` decides the yearly round between governments
from their summaries; `exchange` moves people's rows from one government's table to
another's; `aggregate` makes a province's and the whole's metrics from the
governments'; `runner` drives the shards (serial, local processes or Dask actors);
`outputs` and `files` turn a run into a results folder's tables.
"""
