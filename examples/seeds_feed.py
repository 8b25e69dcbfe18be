"""Print an RSS feed of the first N seed reports, in their true date order (for `newsfuse watch`).

    for n in 1 2 3 4 5; do
        python examples/seeds_feed.py $n > /tmp/seeds-feed.xml
        newsfuse watch /tmp/seeds-feed.xml --polls 1 --db replay.db
    done
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from newsfuse.ingest.text import parse_text

#: when each report was published (003 is undated in its text: the Sánchez visit, 28 December 2023)
DATES = {"003": "2023-12-28", "000": "2024-01-25", "001": "2024-01-25", "002": "2024-01-25", "004": "2024-01-29"}


def feed(n: int, folder: Path = Path(__file__).parent / "seeds") -> str:
    items = []
    for key in list(DATES)[:n]:
        path = next(folder.glob(f"{key}_*.txt"))
        parsed = parse_text(path.read_text(encoding="utf-8"))
        day = datetime.fromisoformat(DATES[key]).replace(hour=12, tzinfo=timezone.utc)
        link = f"https://news.example/{path.stem}"
        items.append(f"<item><title>{escape(parsed.title or path.stem)}</title><link>{link}</link>"
                     f"<guid>{link}</guid><pubDate>{format_datetime(day)}</pubDate>"
                     f"<description>{escape(parsed.text)}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Seeds replay</title>'
            + "".join(items) + "</channel></rss>\n")


if __name__ == "__main__":
    sys.stdout.write(feed(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
