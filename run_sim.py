#!/usr/bin/env python
"""Mutasi command line: `python run_sim.py run|needs|list|validate|figures|bench ...`."""

import sys

from model.cli import main

if __name__ == "__main__":
    sys.exit(main())
