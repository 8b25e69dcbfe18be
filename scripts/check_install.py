"""Check an installation of newsfuse: every module imports, and an HTML page is read.

Run by `.ci/run` in a fresh virtual environment built from the project's own files alone
(`pip install .`), so a dependency that is imported but not declared in pyproject.toml fails
CI instead of hiding behind a package that happens to be installed on the machine.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import newsfuse
from newsfuse.ingest.html import page_document
from newsfuse.records import Document
from newsfuse.settings import Settings

PAGE = """<html><head><title>Talks on the coalition</title>
<meta property="article:published_time" content="2024-01-25T10:00:00Z"></head>
<body><article><h1>Talks on the coalition</h1>
<p>BAGHDAD - Iraq and the United States will begin talks on the future of the US-led coalition,
the foreign ministry said on Thursday, after weeks of attacks on bases that host its troops.</p>
<p>The first round of talks was held on Saturday, officials said, and more rounds are planned.</p>
</article></body></html>"""


def main() -> int:
    failed = []
    for info in pkgutil.walk_packages(newsfuse.__path__, "newsfuse."):
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - report every module that does not import
            failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
    doc = page_document(PAGE, doc_id="page", source="page.html", format="html", raw=PAGE.encode(),
                        encoding="utf-8", settings=Settings())
    if not isinstance(doc, Document):
        failed.append(f"an HTML page was rejected: {doc.reason}")
    for line in failed:
        print("check_install:", line, file=sys.stderr)
    print(f"check_install: {'FAILED' if failed else 'ok'} ({newsfuse.__file__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
