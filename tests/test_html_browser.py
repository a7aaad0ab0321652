"""graph.html in a real browser (Debian chromium + chromedriver), offline: it draws, logs no error, runs no paper markup."""

import io
import json
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from test_html_export import EVIL, evil_graph

from kg.sinks.html import DEFAULT_MAP_CONCEPTS, export_html

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian chromium and chromium-driver (scripts/test.sh installs them)",
)
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
).split()


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_argument("--proxy-server=http://127.0.0.1:9")  # networking off: any request would fail …
    options.add_argument("--proxy-bypass-list=<-loopback>")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(  # … and the page is told it is offline
        "Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0}
    )
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(driver, page: Path, timeout: float = 90) -> None:
    driver.get(page.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while driver.execute_script("return document.body.getAttribute('data-kg-ready')") != "true":
        assert time.monotonic() < deadline, "the network never finished its layout"
        time.sleep(0.25)


def _errors(driver) -> list:
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def _drawn_colours(driver) -> int:
    from PIL import Image

    canvas = driver.find_element("css selector", "#mynetwork canvas")
    image = Image.open(io.BytesIO(canvas.screenshot_as_png)).convert("RGB")
    return len({colour for _, colour in image.getcolors(maxcolors=1 << 20)})


def test_the_bundle_page_draws_offline_without_errors(browser, built_bundle):
    _open(browser, built_bundle / "graph.html")
    assert _errors(browser) == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # fetched nothing
    assert len(_drawn(browser)) == DEFAULT_MAP_CONCEPTS
    assert _drawn_colours(browser) > 20  # a blank canvas has one colour; boxes of four types, text and grey links have many


def _drawn(browser) -> list[dict]:
    """Every node drawn now: its kind, its label's size in px on screen, its box in page pixels."""
    return browser.execute_script(
        """
        var scale = network.getScale(), drawn = [];
        network.body.nodeIndices.forEach(function (id) {
          var node = network.body.nodes[id];
          if (node.options.hidden) { return; }
          var box = network.getBoundingBox(id);
          var a = network.canvasToDOM({x: box.left, y: box.top}), b = network.canvasToDOM({x: box.right, y: box.bottom});
          drawn.push({id: id, kind: node.options.kg_kind, label: node.options.label.trim(),
                      px: node.labelModule.fontOptions.size * scale, box: [a.x, a.y, b.x, b.y]});
        });
        return drawn;
        """
    )


def test_the_default_view_is_a_concept_map_whose_labels_read_at_full_screen(browser, built_bundle):
    _open(browser, built_bundle / "graph.html")
    drawn = _drawn(browser)
    kinds = Counter(node["kind"] for node in drawn)
    assert kinds["Paper"] <= len(drawn) / 2 and set(kinds) <= {"Method", "Task", "Dataset", "Metric"}, kinds
    labelled = [node for node in drawn if node["label"]]
    assert len(labelled) == len(drawn)
    assert min(node["px"] for node in labelled) >= 11, sorted(node["px"] for node in labelled)[:5]
    width, height = browser.execute_script(
        "var canvas = document.querySelector('#mynetwork canvas'); return [canvas.clientWidth, canvas.clientHeight];"
    )
    inside = [n for n in drawn if n["box"][0] >= 0 and n["box"][1] >= 0 and n["box"][2] <= width and n["box"][3] <= height]
    assert len(inside) >= 0.9 * len(drawn)  # the whole map, or nearly, at 1280 × 900
    for i, a in enumerate(drawn):  # no label covers another
        for b in drawn[i + 1 :]:
            assert _apart(a["box"], b["box"]), (a["label"], b["label"])


def _apart(a: list[float], b: list[float]) -> bool:
    """Whether two boxes (left, top, right, bottom) do not overlap."""
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_ticking_papers_draws_them_among_their_concepts(browser, built_bundle):
    _open(browser, built_bundle / "graph.html")
    browser.find_element("css selector", 'input[data-kind="Paper"]').click()
    drawn = _drawn(browser)
    papers = [node for node in drawn if node["kind"] == "Paper"]
    assert len(papers) > 50
    spots = {(round(node["box"][0]), round(node["box"][1])) for node in papers}
    assert len(spots) > 0.8 * len(papers)  # spread out, not stacked on one point
    browser.find_element("css selector", 'input[data-kind="Paper"]').click()
    assert not [node for node in _drawn(browser) if node["kind"] == "Paper"]
    assert _errors(browser) == []


def _hover(browser, node: str, wanted: str) -> str:
    """The tooltip's text once the mouse rests on ``node`` and it shows ``wanted``."""
    from selenium.webdriver import ActionChains

    canvas = browser.find_element("css selector", "#mynetwork canvas")
    x, y = browser.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];", node
    )
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
    deadline = time.monotonic() + 10
    tooltip = ""
    while time.monotonic() < deadline and wanted not in tooltip:
        tooltip = browser.execute_script("var t = document.querySelector('div.vis-tooltip'); return t ? t.innerText : '';")
        time.sleep(0.2)
    return tooltip


def test_hovering_a_node_shows_its_markup_as_text_and_runs_nothing(browser, tmp_path):
    page = export_html(evil_graph(), tmp_path)[0]
    _open(browser, page)
    assert _errors(browser) == []
    assert _drawn_colours(browser) > 5
    assert f"• {EVIL}" in _hover(browser, "Method:gan", "onerror")  # the concept's tooltip lists its papers' titles
    browser.find_element("css selector", 'input[data-kind="Paper"]').click()
    tooltip = _hover(browser, "p1", "We use")
    assert EVIL in tooltip
    assert "We use <img src=x" in tooltip  # the abstract snippet, as text
    state = browser.execute_script(
        "return {pwned: window.__kgPwned === undefined ? null : window.__kgPwned,"
        " imgs: document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip b').length,"
        " visible: getComputedStyle(document.querySelector('div.vis-tooltip')).visibility}"
    )
    assert state == {"pwned": None, "imgs": 0, "visible": "visible"}, json.dumps(state)
    assert _errors(browser) == []
