"""The page report: self-contained HTML, and rendered in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import zhfacts
from zhfacts.io.report import render_report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "shangqiu-daily-page.txt"


@pytest.fixture(scope="module")
def seed_report() -> tuple[dict[str, object], str]:
    text = SEED.read_text("utf-8")
    record = zhfacts.extract(text, "2023-03", "商丘市", id=SEED.name)
    return record, render_report(text, record)


def test_report_is_self_contained(seed_report: tuple[dict[str, object], str]) -> None:
    _, html = seed_report
    lowered = html.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "http://" not in lowered and "https://" not in lowered and "url(" not in lowered
    assert '<meta charset="utf-8">' in html


def test_report_keeps_every_character_of_the_text(
        seed_report: tuple[dict[str, object], str]) -> None:
    import html as html_module
    import re

    record, html = seed_report
    page = re.search(r'<section class="page" id="text">(.*?)</section>', html, re.S)
    assert page is not None
    without_labels = re.sub(r'<span class="label">[A-Z]+</span>', "", page.group(1))
    assert html_module.unescape(re.sub(r"<[^>]+>", "", without_labels)) == \
        SEED.read_text("utf-8")


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    from zhfacts.io.cli import main

    out = tmp_path / "seed.html"
    assert main(["report", str(SEED), "--date", "2023-03", "--place", "商丘市",
                 "-o", str(out)]) == 0
    html = out.read_text("utf-8")
    assert html.count('<tr class="fact">') >= 40 and "低保对象" in html


def _browser() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.mark.browser
def test_report_renders_in_headless_chromium(
        seed_report: tuple[dict[str, object], str], tmp_path: Path) -> None:
    """Open the report in Debian's Chromium and read what it rendered: the
    entity marks, the facts table, the checks, with a CJK font in use."""
    found = _browser()
    if found is None:
        if os.environ.get("ZHFACTS_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required (apt install chromium "
                        "chromium-driver fonts-noto-cjk)")
        pytest.skip("no chromium / chromedriver on this machine")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By

    record, html = seed_report
    page = tmp_path / "seed.html"
    page.write_text(html, encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=found[1])
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.set_window_size(1400, 1000)
        browser.get(page.as_uri())
        assert browser.title == f"zhfacts: {SEED.name}"
        marks = [m for m in browser.find_elements(By.CSS_SELECTOR, "#text mark.entity")]
        assert len(marks) == len(record["entities"])  # type: ignore[arg-type]
        assert all(m.is_displayed() for m in marks[:20])
        labels = {m.get_attribute("data-label") for m in marks}
        assert {"GOV", "PERSON", "GPE", "MONEY", "QUANTITY", "DATE"} <= labels
        rows = browser.find_elements(By.CSS_SELECTOR, "table.facts tr.fact")
        assert len(rows) == len(record["facts"])  # type: ignore[arg-type]
        assert rows[0].is_displayed() and "低保对象" in rows[0].text
        checks = browser.find_elements(By.CSS_SELECTOR, "ul.checks li")
        sums = [c.text for c in checks if c.get_attribute("data-check") == "sum"]
        assert any("28.7万人 + 1.9万人" in s and s.startswith("PASS") for s in sums)
        assert any("8.1亿元 + 8038.6万元" in s and s.startswith("PASS") for s in sums)
        # The first font of the page's stack is installed, so Chinese is drawn
        # with real glyphs, not missing-glyph boxes.
        first = browser.execute_script(
            "return getComputedStyle(document.body).fontFamily.split(',')[0]")
        match = subprocess.run(["fc-match", "-f", "%{family}", f"{first.strip(chr(34))}:lang=zh"],
                               capture_output=True, text=True, check=False).stdout
        assert "CJK" in match, match
        # Following a fact's link lands on its figure in the text.
        link = rows[0].find_element(By.TAG_NAME, "a").get_attribute("href")
        target = browser.find_element(By.ID, link.rsplit("#", 1)[1])
        assert target.text.startswith("30.6")
    finally:
        browser.quit()


def test_report_of_a_record_with_an_empty_text() -> None:
    record = zhfacts.extract("")
    html = render_report("", record, "empty")
    assert record["entities"] == [] and record["facts"] == []
    assert "No facts." in html and "No checks apply." in html and "<h1>empty</h1>" in html
