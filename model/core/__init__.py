"""The bottom layer: vocabularies, errors, random streams, exact maths, state tables.

Nothing here imports anything above it; everything above may use it.
"""
