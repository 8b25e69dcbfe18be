"""Screenshots of the web pages for docs/screenshots/ (headless Debian Chromium via Selenium).

    python scripts/screenshots.py [--db newsfuse.db] [--out docs/screenshots]

Without --db the five seed reports are built into a temporary database first.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from newsfuse.web import WebApp, make_server

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsfuse-shots-"))
    db = Path(args.db) if args.db else tmp / "seeds.db"
    if not args.db:
        from newsfuse.pipeline import build
        from newsfuse.settings import Settings

        build([str(ROOT / "examples" / "seeds")], Settings(db=str(db)))
    app = WebApp(db)
    httpd = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp / 'profile'}")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        story = app.index.story_list[0]["id"]
        driver.set_window_size(1280, 1500)
        driver.get(f"{base}/story/{story}")
        driver.save_screenshot(str(out / "story.png"))
        driver.set_window_size(1280, 4000)  # element shots are clipped to the window
        for section in ("timeline", "map", "quotes"):
            element = driver.find_element(By.CSS_SELECTOR, f"section#{section}")
            driver.execute_script("arguments[0].scrollIntoView()", element)
            element.screenshot(str(out / f"{section}.png"))
        figures = driver.find_elements(By.CSS_SELECTOR, "section#figures .fig svg")
        if figures:
            driver.execute_script("arguments[0].scrollIntoView()", figures[0])
            fig = figures[0].find_element(By.XPATH, "./ancestor::div[contains(@class,'fig')]")
            fig.screenshot(str(out / "figure.png"))
        # the article of the story's first report, with its earliest quote followed as evidence
        first = app.index.stories[story]["articles"][0]
        start, end = min((s, e) for s, e, kind, _ in app.index.spans_of[first] if kind == "quote")
        driver.set_window_size(1280, 1200)
        driver.get(f"{base}/article/{first}?hl={start}-{end}")
        driver.save_screenshot(str(out / "article.png"))
        driver.set_window_size(1280, 1000)
        driver.get(f"{base}/search?place=Iraq&kind=event")
        driver.save_screenshot(str(out / "search.png"))
    finally:
        driver.quit()
        httpd.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))


if __name__ == "__main__":
    main()
