"""The overview in a real browser: Debian's Chromium, headless, driven by Playwright.

The pages are opened from the folder (file://), as from a USB stick. Every test records the
browser's console messages, page errors and requests: none may be an error, and no request may
leave the overview folder. A screenshot of the summary page goes to demo-output/.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.test_overview import ROOT, SETTLEMENTS, corpus  # noqa: F401  (the session fixture)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Chromium (Debian: chromium) nincs telepítve")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Watched:
    """A page whose console, errors and requests are recorded."""

    def __init__(self, browser, folder: Path, width: int = 1400):
        self.folder = folder.resolve()
        self.context = browser.new_context(viewport={"width": width, "height": 900}, locale="hu-HU")
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console",
                     lambda m: m.type in ("error", "warning") and self.problems.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, rel: str):
        self.page.goto((self.folder / rel).as_uri())
        return self.page

    def check_clean(self) -> None:
        assert self.problems == []

        def inside(u: str) -> bool:
            url = urlparse(u)
            return url.scheme == "file" and Path(unquote(url.path)).resolve().is_relative_to(self.folder)

        outside = [u for u in self.requests if not inside(u)]
        assert outside == [], outside
        assert self.requests, "nothing was loaded at all"

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, corpus):  # noqa: F811
    w = Watched(browser, corpus["out"])
    yield w
    w.close()


def _visible_names(page) -> list[str]:
    return page.locator("#osszesito tbody tr:visible th").all_inner_texts()


def test_summary_table_rows_sort_filter_and_link(watched, corpus):  # noqa: F811
    page = watched.open("index.html")
    names = _visible_names(page)
    assert sorted(names) == sorted(n for n, _, _ in SETTLEMENTS)
    assert page.locator("#f-count").inner_text() == "12 / 12 település látható"
    assert "serult.xlsx" in page.locator("section[aria-labelledby=unreadable-h]").inner_text()

    # sort by overall completeness: click the header's button; then descending on a second click
    scores = {n: r.scores["overall"] for n, r in corpus["reports"].items()}
    header = page.locator("#col-overall")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    order = _visible_names(page)
    assert [scores[n] for n in order] == sorted(scores[n] for n in order)
    assert order[0] == min(scores, key=scores.get)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    order = _visible_names(page)
    assert [scores[n] for n in order] == sorted((scores[n] for n in order), reverse=True)

    # filter by county: three rows; the count says so
    page.select_option("#f-county", "Nógrád")
    assert sorted(_visible_names(page)) == ["Bátonyterenye", "Pásztó", "Szécsény"]
    assert page.locator("#f-count").inner_text() == "3 / 12 település látható"
    page.fill("#f-text", "pász")
    assert _visible_names(page) == ["Pásztó"]
    page.fill("#f-text", "")
    page.select_option("#f-county", "")
    page.check("#f-late")
    assert _visible_names(page) == ["Püspökladány"]
    page.uncheck("#f-late")
    assert len(_visible_names(page)) == 12

    _shoot(page, "attekintes_osszesito.png")

    # a settlement's page and its findings, with the cell
    page.locator("#osszesito tbody th a", has_text="Edelény").click()
    page.wait_for_load_state()
    assert page.url.endswith("/telepulesek/edeleny.html")
    assert page.locator("h1").inner_text() == "Edelény"
    sheet = page.locator("section.sheet", has=page.locator("h3", has_text="Településadatok"))
    row = sheet.locator("tbody tr", has_text="SET-003")
    assert row.locator("td.cell").inner_text() == "B5"
    assert "ellenőrző szám" in row.inner_text()
    _shoot(page, "attekintes_telepules.png")
    page.go_back()
    assert page.locator("h1").inner_text() == "Helyi esélyegyenlőségi programok áttekintése"
    watched.check_clean()


def test_sorting_works_from_the_keyboard(watched, corpus):  # noqa: F811
    page = watched.open("index.html")
    button = page.locator("#osszesito thead th", has_text="KSH-kód").locator("button")
    button.focus()
    page.keyboard.press("Enter")
    codes = page.locator("#osszesito tbody tr td:nth-of-type(1)").all_inner_texts()
    assert codes == sorted(codes)
    assert "növekvő" in page.locator("#osszesito + p[aria-live]").inner_text()
    watched.check_clean()


def test_comparison_page_and_settlement_charts(watched, corpus):  # noqa: F811
    page = watched.open("osszehasonlitas.html")
    assert page.locator("table.stats tbody tr").count() == 7
    assert page.locator("svg.ranking").count() == 7
    assert page.locator("#m-ageing_index svg rect.bar").count() == 12
    _shoot(page, "attekintes_osszehasonlitas.png")
    page = watched.open("telepulesek/paszto.html")
    assert page.locator("figure.key").count() == 7
    assert page.locator("figure.key svg.spark").count() == 7
    watched.check_clean()


def test_summary_page_prints_on_a4(watched, corpus, tmp_path):  # noqa: F811
    page = watched.open("index.html")
    page.emulate_media(media="print")
    assert not page.locator("#szures").is_visible()
    pdf = tmp_path / "osszesito.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        for name, _, _ in SETTLEMENTS:
            assert name in text
    watched.check_clean()


def test_responsive_on_a_narrow_screen(browser, corpus):  # noqa: F811
    w = Watched(browser, corpus["out"], width=420)
    try:
        page = w.open("index.html")
        # the wide table scrolls inside its own region; the page itself does not get wider
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        assert page.evaluate("document.querySelector('.scroll').scrollWidth") > 420
        w.check_clean()
    finally:
        w.close()


def _shoot(page, name: str) -> None:
    out = ROOT / "demo-output"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / name), full_page=True)
