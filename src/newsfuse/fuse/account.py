"""Fusing one block of articles into its part of the account: entities, quotes, figures, events, dates.

:func:`fuse_block` computes (a block: articles joined by stories and reuse links, see
:mod:`.blocks`; the fuse step of a build is :mod:`newsfuse.fusion`); :func:`account_records` turns the result into the
records the store keeps and the export writes (the shape of
``export.schema.json``). Fusion links mentions; it never rewrites what an
article said.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import Annotation, PublishedDate
from ..settings import Settings
from .dates import (CLUE_PREFIX, TRUSTED, UNTRUSTED, CountEstimate, CountReport, DatedArticle, correct_dates, count_estimates,
                    links_from, template_culprits)
from .event_dates import ArticleDates, date_events
from .entities import EntityIndex, link_entities
from .events import FusedEvent, event_mention_id, merge_events
from .figures import FigureGroup, figure_id, group_figures
from .quotes import FusedQuote, merge_quotes, quote_mention_id
from .reuse import Copy, copy_groups, group_origins, origin_of
from .stories import StoryInput, StoryParams, assign_story_events, describe_story, story_input

__all__ = ["Account", "fuse_block", "page_template", "story_inputs", "assign_stories", "account_records",
           "story_span"]


@dataclass(slots=True)
class Account:
    copies: list[Copy]
    groups: dict[str, str]
    stories: dict[str, str]  # article -> story
    entities: EntityIndex
    quotes: list[FusedQuote]
    figure_groups: list[FigureGroup]
    events: list[FusedEvent]
    date_corrections: dict[str, PublishedDate] = field(default_factory=dict)
    threads: dict[str, str] = field(default_factory=dict)  # article -> specific-event cluster in its story
    origins: dict[str, str] = field(default_factory=dict)  # copy group -> its likely origin article
    # article with no earned date -> (earliest, latest) day it can have been published (ISO; either may be None)
    publication_ranges: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


_DATE_LINE = re.compile(r"^(?:\w+day,\s+)?\w+\.?\s+\d{1,2},\s+\d{4}$|^\d{1,2}\s+\w+\s+\d{4}$")


def page_template(article: Any) -> str | None:
    """The outlet, or else the shape of the page header (date line, dateline, repeated title...).

    Pages cut from one site template share that shape, and so share how far their header date
    can be trusted.
    """
    meta = article.meta or {}
    if meta.get("template") or article.outlet:
        return meta.get("template") or article.outlet
    header = meta.get("header") or []
    if isinstance(header, str):
        return None
    shape = []
    for i, line in enumerate(header):
        line = str(line).strip()
        if _DATE_LINE.match(line):
            shape.append("date")
        elif article.title and line == article.title:
            shape.append("title" if "title" not in shape else "title-again")
        elif article.dateline and line == article.dateline:
            shape.append("dateline")
        else:
            shape.append("line")
    if "date" not in shape:
        return None
    extras = [k for k in ("standfirst", "dateline_text", "captions") if meta.get(k)]
    return "header:" + "+".join(shape + extras)


def fuse_block(articles: Sequence[Any], annotations: Mapping[str, Annotation], settings: Settings,
               copies: Sequence[Copy], assigned: Mapping[str, tuple[str, str]],
               wrong_elsewhere: Mapping[str, Sequence[str]] | None = None) -> Account:
    """Fuse one block (``StoredArticle`` records with their annotations): articles that share a story
    or a reuse link, and so everything fusion may link (:mod:`.blocks`).

    ``copies``: the block's reuse links (origins are set here, from the dates); ``assigned``: article ->
    (story, thread); ``wrong_elsewhere``: page templates whose header date proved wrong in other blocks
    (template -> those articles). The result depends on the block's content only, not on the order of
    ``articles`` or on what else the store holds."""
    articles = sorted(articles, key=lambda a: a.id)
    texts = {a.id: a.text for a in articles}
    anns = [annotations[a.id] for a in articles if a.id in annotations]
    # only dates the articles have earned may order copies or keep two reports of a statement apart
    dates = {ann.article: ann.published.value for ann in anns if ann.published.confidence >= UNTRUSTED}
    copies = sorted((replace(c, origin=origin_of(c.a, c.b, texts, dates)) for c in copies if c.a in texts and c.b in texts),
                    key=lambda c: (c.a, c.b))
    groups = copy_groups(list(texts), copies)
    origins = group_origins(groups, texts, dates)

    speaker_names = [q.speaker_name for ann in anns for q in ann.quotes
                     if q.speaker_name and q.speaker_label == "PERSON"]
    entities = link_entities((m for ann in anns for m in ann.entities), texts, speaker_names)

    quotes = merge_quotes([q for ann in anns for q in ann.quotes], entities, groups, dates,
                          threshold=settings.quote_match_threshold)
    figure_groups = group_figures([f for ann in anns for f in ann.figures], groups, copies)
    events = merge_events([e for ann in anns for e in ann.events if not e.aggregate], groups, published=dates,
                          settings=settings, stories={a.id: assigned[a.id][0] for a in articles if a.id in assigned})

    # Cross-source date correction from shared statements: the same words by the same speaker are
    # reported within days. Event merges are not yet precise enough to date an article by (issue 7).
    # Only words in quotation marks date a report: reported speech and attitudes ("groups that oppose US
    # support for Israel") are wire background, reused for weeks.
    quote_articles = {q.id: [m.split(":")[0] for m in q.mention_ids] for q in quotes
                      if q.direct and len(q.text.split()) >= 8}
    quote_label = {q.id: f'the quote "{q.text[:60]}…"' for q in quotes}
    links = links_from(quote_articles, quote_label)
    dated = [DatedArticle(a.id, annotations[a.id].published, a.date_evidence, page_template(a))
             for a in articles if a.id in annotations]
    # templates proved wrong in other blocks, and in this one by an earlier round (the evidence stays)
    wrong = {t: list(a) for t, a in (wrong_elsewhere or {}).items()}
    for t, arts in template_culprits(dated, {}).items():
        wrong.setdefault(t, []).extend(arts)
    corrections = correct_dates(dated, links, wrong)
    estimates = _count_estimates(figure_groups, anns, corrections)
    corrections.update(_count_clues(estimates, anns, corrections))
    # every event dated: a day, or a range from its sentence and its reports' dates and bounds
    event_by_mid = {event_mention_id(e): e for ann in anns for e in ann.events}
    windows: dict[str, Any] = {}
    events = date_events(events, [
        ArticleDates(a.id, corrections.get(a.id) or annotations[a.id].published, a.text,
                     annotations[a.id].timexes, a.date_evidence, tuple(estimates.get(a.id, ())))
        for a in articles if a.id in annotations], event_by_mid, windows_out=windows)
    ranges = {aid: (w.earliest.isoformat() if w.earliest else None, w.latest.isoformat() if w.latest else None)
              for aid, w in windows.items() if w is not None and w.day is None}

    stories = {a.id: assigned[a.id][0] for a in articles if a.id in assigned}
    threads = {a.id: assigned[a.id][1] for a in articles if a.id in assigned}
    return Account(copies, groups, stories, entities, quotes, figure_groups, events, corrections, threads,
                   origins, ranges)


def story_inputs(articles: Sequence[Any], annotations: Mapping[str, Annotation],
                 kinds: Mapping[str, Any] | None = None) -> list[StoryInput]:
    """What story assignment reads of each article: its own annotation (entity names, places, dates,
    figures, event kinds), its stored publication date and its language; nothing fused, so stories can be
    assigned before the blocks they define are fused. ``kinds``: article id -> the vector of its masked
    headline (``StoryInput.kind_vector``, kept in the story row). Article vectors are added at assignment
    time (they live in the store's encoding cache, not in the stored story inputs)."""
    kinds = kinds or {}
    return [story_input(a.id, a.seq, (a.title or "") + "\n" + a.text, a.title, annotations.get(a.id),
                        date=annotations[a.id].published.value if a.id in annotations else None,
                        language=getattr(a, "language", None), kind_vector=kinds.get(a.id))
            for a in articles]


def assign_stories(items: Sequence[StoryInput], prior: Mapping[str, str] | None,
                   settings: Settings, blocks: Any = None) -> dict[str, tuple[str, str]]:
    """Article id -> (story, thread), by the story stage (a black box here); ``blocks``: the items' kept
    feature rows (``fuse/story_rows.py``), instead of their texts."""
    params = replace(StoryParams(), story_threshold=settings.story_threshold)
    return assign_story_events(items, prior, params, blocks=blocks)


def _count_estimates(figure_groups: Sequence[FigureGroup], anns: Sequence[Annotation],
                     corrections: Mapping[str, PublishedDate]) -> dict[str, list[CountEstimate]]:
    """Where the running counts undated articles share with dated ones put them."""
    pubs = {ann.article: corrections.get(ann.article) or ann.published for ann in anns}
    undated = {a for a, p in pubs.items() if p.confidence < UNTRUSTED}
    if not undated:
        return {}
    trusted = {a for a, p in pubs.items() if p.confidence >= TRUSTED}
    by_id = {figure_id(f): f for ann in anns for f in ann.figures}
    groups = [[CountReport(f.article, f.value, f.qualifier, f.since,
                           f.as_of if f.article in trusted else None, f.text)
               for f in (by_id.get(i) for i in g.figure_ids) if f is not None]
              for g in figure_groups if g.status == "updated"]
    return count_estimates(groups, undated)


def _count_clues(estimates: Mapping[str, Sequence[CountEstimate]], anns: Sequence[Annotation],
                 corrections: Mapping[str, PublishedDate]) -> dict[str, PublishedDate]:
    """Undated articles get, as evidence only, when the running counts they share with dated ones put them."""
    pubs = {ann.article: corrections.get(ann.article) or ann.published for ann in anns}
    out = {}
    for aid, ests in estimates.items():
        pub = pubs[aid]
        kept = tuple(e for e in pub.evidence if not e.startswith(CLUE_PREFIX))  # the clues of an earlier round
        out[aid] = PublishedDate(pub.value, pub.confidence, (*kept, *(e.clue for e in ests)))
    return out


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(value: str | None) -> str | None:
    """A TIMEX-style value as an export date (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    if not value:
        return None
    value = value[:10]
    return value if _ISO.match(value) else None


def _mention(article: str, start: int, end: int, texts: Mapping[str, str]) -> dict[str, Any]:
    return {"article": article, "start": start, "end": end, "text": texts.get(article, "")[start:end]}


def _mentions(ids: Sequence[str], by_id: Mapping[str, Any], texts: Mapping[str, str],
              extra: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    """Export mentions (with their text) of the fused record's mention ids, plus per-kind fields."""
    out = []
    for mid in ids:
        rec = by_id.get(mid)
        if rec is not None:
            out.append({**_mention(rec.article, rec.start, rec.end, texts), **extra(rec)})
    return out


def story_span(dates: Iterable[str | None], ranges: Iterable[tuple[str | None, str | None] | None]
               ) -> tuple[str | None, str | None]:
    """The days a story's reports surely span: from the earliest earned publication date, or the earliest day
    by which an undated report had surely appeared (the end of its range), to the latest earned date, or the
    latest day after which an undated report surely appeared (the start of its range). A report bounded to
    December 13 - January 4 and one to January 29 - February 1 beside three of January 25 span January 4 to
    January 29; a report with no bounds adds nothing. Reports that are all undated, with overlapping ranges,
    span the days those ranges share."""
    firsts = [d for d in (_date(d) for d in dates) if d]
    lasts = list(firsts)
    for r in ranges:
        if r:
            firsts += [r[1]] if r[1] else []
            lasts += [r[0]] if r[0] else []
    first, last = (min(firsts) if firsts else None), (max(lasts) if lasts else None)
    if first and last and first > last:  # undated reports only, whose ranges overlap: the days they allow
        first, last = last, first
    return first, last


def account_records(account: Account, articles: Sequence[Any],
                    annotations: Mapping[str, Annotation]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The fused account as export-shaped records, by kind."""
    texts = {a.id: a.text for a in articles}
    published = {}
    for a in articles:
        pub = account.date_corrections.get(a.id) or (annotations[a.id].published if a.id in annotations else None)
        # only an earned date may date a story or a statement (a header display date is not one)
        published[a.id] = pub.value if pub and pub.confidence >= UNTRUSTED else None
    out: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)

    for c in account.copies:
        out["copy"].append((f"{c.a}|{c.b}", {
            "a": c.a, "b": c.b, "kind": c.kind, "overlap": c.overlap, "origin": c.origin or None,
            "passages": [{"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
                          "words": p.words} for p in c.passages],
        }))
    for aid, gid in account.groups.items():
        out["copy_group"].append((aid, {"article": aid, "group": gid, "origin": account.origins.get(gid)}))

    by_story: dict[str, list[str]] = defaultdict(list)
    order = {a.id: a.seq for a in articles}
    for aid, sid in account.stories.items():
        by_story[sid].append(aid)
    by_id = {a.id: a for a in articles}

    def about(arts: Sequence[str]) -> dict[str, Any]:
        """Title and keywords (what the reports share, whatever order they came in), the dates they span and
        their languages."""
        title, keywords = describe_story([(by_id[a].title, by_id[a].text, getattr(by_id[a], "language", None))
                                          for a in sorted(arts) if a in by_id])
        first, last = story_span([published.get(a) for a in arts],
                                 [account.publication_ranges.get(a) for a in arts if not published.get(a)])
        langs = sorted({lang for lang in (getattr(by_id.get(a), "language", None) for a in arts) if lang})
        return {"title": title, "keywords": keywords, "first_date": first, "last_date": last, "languages": langs}

    for sid, arts in sorted(by_story.items(), key=lambda kv: min(order.get(a, 0) for a in kv[1])):
        arts.sort(key=lambda a: order.get(a, 0))
        by_thread: dict[str, list[str]] = defaultdict(list)
        for a in arts:
            by_thread[account.threads.get(a, sid)].append(a)
        out["story"].append((sid, {
            "id": sid, **about(arts), "articles": arts,
            "threads": [{"id": t, **about(members), "articles": members} for t, members in by_thread.items()],
        }))

    for ent in account.entities.entities:
        out["entity"].append((ent.id, {
            "id": ent.id, "name": ent.name, "type": ent.type, "aliases": ent.aliases,
            "mentions": [_mention(m.article, m.start, m.end, texts) for m in ent.mentions],
        }))

    quote_by_mid = {quote_mention_id(q): q for ann in annotations.values() for q in ann.quotes}
    for q in account.quotes:
        mentions = _mentions(q.mention_ids, quote_by_mid, texts,
                             lambda qm: {"speaker_text": qm.speaker_text, "cue": qm.cue, "direct": qm.direct})
        out["quote"].append((q.id, {
            "id": q.id, "speaker": q.speaker, "speaker_name": q.speaker_name, "text": q.text, "direct": q.direct,
            "date": _date(q.date or (published.get(mentions[0]["article"]) if mentions else None)),
            "mentions": mentions, "independent_sources": q.independent_sources,
        }))

    for ann in annotations.values():
        for f in ann.figures:
            fid = figure_id(f)
            out["figure"].append((fid, {
                "id": fid, "measure": f.measure, "value": f.value, "value_max": f.value_max,
                "qualifier": f.qualifier, "unit": f.unit, "as_of": _date(f.as_of),
                "mentions": [_mention(f.article, f.start, f.end, texts)],
            }))
    for g in account.figure_groups:
        out["figure_group"].append((g.id, {
            "id": g.id, "measure": g.measure, "figures": list(g.figure_ids), "status": g.status,
            "explanation": g.explanation, "independent_sources": g.independent_sources,
        }))

    event_by_mid = {event_mention_id(e): e for ann in annotations.values() for e in ann.events}
    for e in account.events:
        mentions = _mentions(e.mention_ids, event_by_mid, texts,
                             lambda em: {"trigger": em.trigger, "scheduled": em.scheduled})
        told = [event_by_mid[m] for m in e.mention_ids if m in event_by_mid]
        place = {"name": e.place, "lat": e.lat, "lon": e.lon, "country_code": e.country_code} if e.place else None
        out["event"].append((e.id, {
            "id": e.id, "type": e.type, "summary": e.summary, "actors": list(e.actors), "targets": list(e.targets),
            "date": _date(e.date), "date_end": _date(e.date_end),
            "date_range": {"earliest": e.date_earliest, "latest": e.date_latest, "confidence": e.date_confidence,
                           "basis": e.date_basis} if e.date_basis else None,
            "place": place, "killed": e.killed, "injured": e.injured,
            # only planned so far: every report tells it as to come ("will begin discussions")
            "scheduled": bool(told) and all(m.scheduled for m in told),
            "mentions": mentions, "independent_sources": e.independent_sources,
            "disagreements": list(e.disagreements),
        }))
    return dict(out)

