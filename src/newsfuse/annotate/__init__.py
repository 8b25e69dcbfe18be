"""The annotate stage: one spaCy parse per text, then pure extractors on it.

``parse.py`` parses (once: parses and single sentences are kept in the store); ``run.py`` runs the
registered extractors on a parse, in the order their declared needs give (``registry.py``). One
package per extractor, each with a small public face (``extract(doc, ctx) -> records`` and its
``EXTRACTOR`` declaration) and its helpers private inside it:

- ``pubdate/``  publication date from weighted evidence (the anchor of relative dates)
- ``timex/``    temporal expressions -> TIMEX3 values
- ``quotes/``   quotes, cues and speakers
- ``figures/``  quantities: value, qualifier, unit, measure, about, as of, since
- ``places/``   toponyms -> coordinates with an offline gazetteer
- ``events/``   who did what to whom, when, where; the event ontology

Word lists live in ``newsfuse/lexicons/``. Nothing here touches the store.
"""
