"""The page of `termgraph serve` in a real browser (Selenium with Debian's chromium and
chromium-driver): typing an Arabic prefixed form finds the term, its page shows its links,
a path is found, and corpus text that looks like markup or reorders text stays text.

Screenshots are written to $TERMGRAPH_SCREENSHOTS when it names a folder (else the test's
temporary folder), to be looked at by eye."""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

from serving import Server, copied_corpus

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture()
def browser():
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1300", "--lang=ar"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("TERMGRAPH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait(driver, condition, seconds=10):
    return WebDriverWait(driver, seconds).until(lambda d: condition(d))


def test_search_term_page_and_path_in_chromium(tmp_path, browser):
    server = Server(copied_corpus(tmp_path), tmp_path / "cache")
    try:
        browser.get(server.base + "/")
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
        box = browser.find_element(By.ID, "search")
        box.send_keys("والمكتب")
        suggestions = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions li"))
        offered = [item.get_attribute("data-slug") for item in suggestions]
        expected = [t["slug"] for t in json.loads(server.cli("terms", "والمكتب", "--limit", "8", no_cache=True).stdout)["terms"]]
        assert offered == expected and "middleoffice" in offered
        browser.save_screenshot(str(shots(tmp_path) / "serve-suggestions.png"))

        next(item for item in suggestions if item.get_attribute("data-slug") == "middleoffice").click()
        wait(browser, lambda d: d.find_element(By.ID, "term-title").text == "مكتب أوسط")
        node = json.loads(server.get("/api/node?term=middleoffice")[1])
        rows = browser.find_elements(By.CSS_SELECTOR, "#links-out tbody tr")
        assert [r.find_element(By.CSS_SELECTOR, "a.term").text for r in rows] == [link["title"] for link in node["out"]]
        first = node["out"][0]
        cells = rows[0].find_elements(By.TAG_NAME, "td")
        assert cells[1].text == "، ".join(first["anchors"]) or cells[1].text == ", ".join(first["anchors"])
        assert cells[2].text == ", ".join(f'{o["file"]}:{o["line"]}' for o in first["occurrences"])
        labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#picture text")]
        around = {link["slug"] for link in node["out"] + node["in"]}
        assert len(labels) == len(around) + 1 and "مكتب أوسط" in labels
        browser.save_screenshot(str(shots(tmp_path) / "serve-term.png"))

        browser.get(server.base + "/#path")
        for field, text in (("path-from", "والمكتب الأمامي"), ("path-to", "بالتسوية")):
            browser.find_element(By.ID, field).send_keys(text)
        browser.find_element(By.ID, "path-go").click()
        steps = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#path-steps li"))
        path = json.loads(server.cli("path", "والمكتب الأمامي", "بالتسوية", no_cache=True).stdout)["paths"][0]
        titles = [json.loads(server.get("/api/node?term=" + urllib.parse.quote(s))[1])["title"] for s in path]
        assert [s.text for s in steps] == titles
        browser.save_screenshot(str(shots(tmp_path) / "serve-path.png"))

        Select(browser.find_element(By.ID, "category-from")).select_by_value("front")
        Select(browser.find_element(By.ID, "category-to")).select_by_value("back")
        browser.find_element(By.ID, "category-go").click()
        wait(browser, lambda d: "from front to back" in d.find_element(By.ID, "path-caption").text)
        by_category = json.loads(server.cli("path", "--from-category", "front", "--to-category", "back", no_cache=True).stdout)
        steps = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#path-steps li"))
        assert len(steps) == by_category["length"] + 1
        browser.get(server.base + "/#matrix")
        matrix = json.loads(server.get("/api/stats")[1])["category_matrix"]
        rows = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#matrix tbody tr"))
        order = ["front", "middle", "back"]  # termgraph.yml's order
        assert [r.find_element(By.TAG_NAME, "th").text for r in rows] == order
        assert [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows] == [[str(matrix[a].get(b, 0)) for b in order] for a in order]
        browser.save_screenshot(str(shots(tmp_path) / "serve-matrix.png"))
    finally:
        server.stop()


HOSTILE = {
    "script": "<script>window.pwned = 1</script>",
    "img": '"><img src=x onerror="window.pwned = 2">',
    "override": "\u202Eevil\u202C and \u2067isolate\u2069",
    "svg": "<svg onload=window.pwned=3></svg>",
}


def test_hostile_titles_stay_text(tmp_path, browser):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    for slug, title in HOSTILE.items():
        others = " ".join(f"[{HOSTILE[o]}](/{o})" for o in HOSTILE if o != slug)
        (corpus / f"{slug}.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n{others}\n", encoding="utf-8")
    server = Server(copied_corpus(tmp_path / "copy", corpus), tmp_path / "cache")
    try:
        for slug in HOSTILE:
            browser.get(server.base + "/#term=" + slug)
            wait(browser, lambda d: d.find_element(By.ID, "term-slug").text == slug)
            wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#links-out tbody tr")) == len(HOSTILE) - 1)
            assert browser.execute_script("return window.pwned") is None
            assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
            assert not browser.find_elements(By.CSS_SELECTOR, "img, main svg svg, #term script")
        browser.get(server.base + "/#term=override")
        wait(browser, lambda d: d.find_element(By.ID, "term-slug").text == "override")
        title = browser.find_element(By.ID, "term-title")
        assert title.text == "⟦U+202E⟧evil⟦U+202C⟧ and ⟦U+2067⟧isolate⟦U+2069⟧"
        assert title.tag_name == "bdi"
        browser.get(server.base + "/#term=script")
        wait(browser, lambda d: d.find_element(By.ID, "term-title").text == HOSTILE["script"])
        browser.find_element(By.ID, "search").send_keys("<")
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions li"))
        assert browser.execute_script("return window.pwned") is None
        browser.save_screenshot(str(shots(tmp_path) / "serve-hostile.png"))
        browser.get(server.base + "/#lists")
        browser.find_element(By.CSS_SELECTOR, '#list-kinds [data-kind="orphan"]').click()
        wait(browser, lambda d: d.find_element(By.ID, "list-caption").text.startswith("0 orphan") or d.find_elements(By.CSS_SELECTOR, "#list li"))
        assert browser.execute_script("return window.pwned") is None and not browser.find_elements(By.TAG_NAME, "img")
    finally:
        server.stop()
