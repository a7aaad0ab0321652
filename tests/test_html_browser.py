"""graph.html in a real browser (Debian chromium + chromedriver), offline: it draws, logs no error, runs no paper markup."""

import io
import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from test_html_export import evil_graph

from kg.sinks.html import export_html

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
    assert browser.execute_script("return network.body.data.nodes.length") == 300
    assert _drawn_colours(browser) > 20  # a blank canvas has one colour; nodes of five types and grey edges have many


def test_hovering_a_node_shows_its_markup_as_text_and_runs_nothing(browser, tmp_path):
    page = export_html(evil_graph(), tmp_path)[0]
    _open(browser, page)
    assert _errors(browser) == []
    assert _drawn_colours(browser) > 5
    canvas = browser.find_element("css selector", "#mynetwork canvas")
    x, y = browser.execute_script("var p = network.canvasToDOM(network.getPositions(['p1'])['p1']); return [p.x, p.y];")
    size = canvas.size
    from selenium.webdriver import ActionChains

    ActionChains(browser).move_to_element_with_offset(canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
    deadline = time.monotonic() + 10
    tooltip = ""
    while time.monotonic() < deadline and "onerror" not in tooltip:
        tooltip = browser.execute_script("var t = document.querySelector('div.vis-tooltip'); return t ? t.innerText : '';")
        time.sleep(0.2)
    assert '<img src=x onerror="window.__kgPwned=1"> see href="javascript:alert(1)" </script><b>x</b>' in tooltip
    assert "We use <img src=x" in tooltip  # the abstract snippet, as text
    state = browser.execute_script(
        "return {pwned: window.__kgPwned === undefined ? null : window.__kgPwned,"
        " imgs: document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip b').length,"
        " visible: getComputedStyle(document.querySelector('div.vis-tooltip')).visibility}"
    )
    assert state == {"pwned": None, "imgs": 0, "visible": "visible"}, json.dumps(state)
    assert _errors(browser) == []
