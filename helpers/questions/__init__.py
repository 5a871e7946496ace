"""Exercises of each notebook, one module per notebook (`nb00.py`, `nb01.py`, ...).

Each module exposes `QUESTIONS: list[helpers.checks.Question]`. Expected numbers are computed from
data/ when a reader checks an answer, so they always match what the notebook shows.
"""
