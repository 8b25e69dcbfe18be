"""The web pages in a real browser: Debian's headless Chromium driven by Selenium (nothing downloads a browser).

Skipped with a reason when Chromium or chromedriver is missing on a developer machine; in CI (``CI=true``)
a missing browser is a failure, since `.ci/run` installs it.
"""

import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from newsfuse.pipeline import build
from newsfuse.settings import Settings
from newsfuse.web import WebApp, make_server

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSFUSE_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) or shutil.which(path)):
            return f"{path} not found (Debian: apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="newsfuse-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "b.db"
    build([str(SEEDS)], Settings(db=str(db)))
    httpd = make_server(WebApp(db), "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _wait_url(browser, fragment):
    """Wait for a navigation started by a click or submit (it is asynchronous) to reach ``fragment``."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(lambda d: fragment in d.current_url and
                                     d.execute_script("return document.readyState") == "complete")


def _by(css):
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR, css


def test_open_a_story_and_see_its_sections(browser, site):
    browser.get(site + "/")
    assert "1 story" in browser.title
    browser.find_element(*_by("#story-list a")).click()
    _wait_url(browser, "/story/")
    for section in ("happened", "timeline", "map", "quotes", "figures", "copies"):
        assert browser.find_element(*_by(f"section#{section}")).is_displayed(), section
    land = browser.find_elements(*_by("svg.map path.land"))
    assert len(land) > 3 and browser.find_elements(*_by("svg.map circle.marker"))
    assert browser.find_elements(*_by("svg.timeline rect.bar"))
    # the stylesheet loaded under the Content-Security-Policy (no inline styles needed)
    color = browser.find_element(*_by("header.top")).value_of_css_property("background-color")
    assert color in ("rgba(29, 35, 41, 1)", "rgb(29, 35, 41)")


def test_follow_an_event_to_its_highlighted_sentence(browser, site):
    browser.get(site + "/")
    browser.find_element(*_by("#story-list a")).click()
    _wait_url(browser, "/story/")
    link = browser.find_element(*_by("ol.happened li a[href*='/article/']"))
    summary = link.text
    link.click()
    _wait_url(browser, "hl=")
    assert "/article/" in browser.current_url
    target = browser.find_element(*_by("mark#hl"))
    assert "target" in target.get_attribute("class") and target.is_displayed()
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", target)
    assert in_view, f"the evidence of {summary!r} is not scrolled into view"
    legend = browser.find_element(*_by(".legend")).text
    assert "quote" in legend and "event" in legend and "figure" in legend
    assert "Published" in browser.find_element(*_by("dl.meta")).text


def test_filter_and_share_the_url(browser, site):
    from selenium.webdriver.support.ui import Select

    browser.get(site + "/search")
    form = browser.find_element(*_by("form#filters"))
    form.find_element(*_by("input[name=place]")).send_keys("Iraq")
    Select(form.find_element(*_by("select[name=kind]"))).select_by_value("event")
    form.find_element(*_by("button[type=submit]")).click()
    _wait_url(browser, "place=")
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query["place"] == ["Iraq"] and query["kind"] == ["event"]
    results = browser.find_elements(*_by("#results .result.event"))
    assert results and not browser.find_elements(*_by("#results .result.quote"))
    shared = browser.current_url
    browser.get(site + "/")
    browser.get(shared)  # the same URL gives the same results
    assert len(browser.find_elements(*_by("#results .result.event"))) == len(results)


def test_search_from_the_header(browser, site):
    browser.get(site + "/")
    box = browser.find_element(*_by("header.top input[type=search]"))
    box.send_keys("spillover")
    box.submit()
    _wait_url(browser, "q=spillover")
    quotes = browser.find_elements(*_by("#results .result.quote"))
    assert quotes and "spillover" in quotes[0].text
    quotes[0].find_element(*_by("a[href*='/article/']")).click()
    _wait_url(browser, "hl=")
    assert "spillover" in browser.find_element(*_by("mark#hl")).text
