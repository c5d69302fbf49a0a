"""The methods `sensitivity` offers (SALib's Morris and Sobol), known without importing them.

The command line lists them in its help; importing `experiments.sensitivity` for that
would import pandas, the scenario loader and the metrics (~0.6 s) on every `--help`.
"""

METHODS = ("morris", "sobol")
