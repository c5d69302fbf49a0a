"""Reporting: writing results folders, figures, console tables, labels, the needs report."""
