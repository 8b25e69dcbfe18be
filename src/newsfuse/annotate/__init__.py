"""The annotate stage: one spaCy parse per text, then pure extractors on it.

`run.py` orchestrates; each extractor lives in its own module (`quotes.py`,
`figures.py`, `timex.py`, `pubdate.py`, `places.py`, `events.py`).
"""
