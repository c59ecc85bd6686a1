"""The report in a real browser: headless Chromium (Debian's chromium + chromium-driver) via Selenium.

It checks what only a browser can: the page's own script runs under its CSP while injected
markup stays dead, highlights have a size and a colour per type, filters hide rows, a row
link lands on its claim, and it saves screenshots (set ARCLAIMS_SCREENSHOTS=DIR to keep them).
No browser is ever downloaded: without a Chromium binary and its driver the tests skip.
"""
from __future__ import annotations

import base64
import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from view_fixtures import make_output

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def find_binary(env: str, *names: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env] if Path(os.environ[env]).is_file() else None
    return next((p for p in (shutil.which(n) for n in names) if p), None)


CHROMIUM = find_binary("ARCLAIMS_CHROMIUM", "chromium", "chromium-browser")
CHROMEDRIVER = find_binary("ARCLAIMS_CHROMEDRIVER", "chromedriver")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (apt-get install chromium, or set ARCLAIMS_CHROMIUM)"),
    pytest.mark.skipif(CHROMEDRIVER is None, reason="no chromedriver (apt-get install chromium-driver, or set ARCLAIMS_CHROMEDRIVER)"),
]

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


@pytest.fixture(scope="module")
def report_url(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("browser")
    out = make_output(root)
    html = root / "report.html"
    assert main(["view", str(out), "--html", str(html)]) == 0
    return html.as_uri()


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()


def open_report(driver, url: str) -> None:
    driver.get(url)
    try:
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.documentElement.dataset.ready === '1'"))
    except Exception as e:  # the assertion says what went wrong, not only that a wait timed out
        raise AssertionError(f"the report's script did not run (CSP hash or JS error?): {driver.get_log('browser')}") from e


def visible_rows(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#claims-table tbody tr[data-claim]')]"
        ".filter(r => r.offsetParent !== null).map(r => r.dataset.claim)")


def save_screenshot(driver, name: str, directory: Path) -> Path:
    """A full-page PNG through the DevTools protocol (Selenium's own screenshot is the viewport only)."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(base64.b64decode(shot["data"]))
    keep = os.environ.get("ARCLAIMS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def test_own_script_runs_and_injected_markup_does_not(driver, report_url) -> None:
    open_report(driver, report_url)
    assert driver.execute_script("return document.documentElement.dir") == "rtl"
    assert driver.execute_script("return getComputedStyle(document.querySelector('.text')).direction") == "rtl"
    # The injected <img onerror> and the quote-breaking onmouseover would set this flag.
    target = driver.find_element(By.CSS_SELECTOR, "mark.ent-ORG[title*='onmouseover']")
    ActionChains(driver).move_to_element(target).perform()
    time.sleep(0.3)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.images.length") == 0
    assert driver.execute_script("return document.scripts.length") == 2
    assert "<script>window.__pwned=1</script>" in driver.execute_script("return document.querySelector('.text').textContent")
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" or "Content Security Policy" in e["message"]]
    assert not severe, severe


def test_overview_renders_right_to_left_and_stays_inert(driver, report_url, tmp_path) -> None:
    open_report(driver, report_url)
    charts = driver.execute_script(
        "return [...document.querySelectorAll('#overview svg.chart')].map(s => {const r = s.getBoundingClientRect();"
        "return [r.width, r.height, s.querySelectorAll('rect').length];})")
    assert len(charts) == 2 and all(w > 300 and h > 100 and bars > 0 for w, h, bars in charts), charts
    # The overview sits above the claims table.
    assert driver.execute_script("return document.getElementById('overview').getBoundingClientRect().bottom"
                                 " <= document.getElementById('claims').getBoundingClientRect().top")
    # Right to left: names on the right of their bars, the oldest month on the right of the newest.
    name_right, bar_right = driver.execute_script(
        "const g = document.querySelector('#ov-pairs g.pair');"
        "return [g.querySelector('text').getBoundingClientRect().right, g.querySelector('rect').getBoundingClientRect().right];")
    assert name_right > bar_right
    ticks = driver.execute_script(
        "return [...document.querySelectorAll('#ov-months text.tick')].map(t => [t.textContent, t.getBoundingClientRect().left]);")
    assert [m for m, _ in sorted(ticks, key=lambda t: -t[1])] == sorted(m for m, _ in ticks)
    # Chart labels are drawn text: an entity named like an <img onerror> is shown, not run.
    labels = driver.execute_script("return [...document.querySelectorAll('#overview text')].map(t => t.textContent).join(' ')")
    assert "<img src=x" in labels
    bar = driver.find_element(By.CSS_SELECTOR, "#ov-months rect")
    ActionChains(driver).move_to_element(bar).perform()
    time.sleep(0.2)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('#overview script, #overview foreignObject, #overview a').length") == 0
    save_screenshot(driver, "report-overview.png", tmp_path)


def test_about_column_keeps_names_whole(driver, report_url) -> None:
    """Each name in the 'about' column breaks only between words: a one-word chip is on one line."""
    open_report(driver, report_url)
    # Narrow enough that the table must squeeze its columns, as the dev set's long rows did at 1400 px.
    driver.set_window_size(900, 1000)
    lines = driver.execute_script(
        "return [...document.querySelectorAll('#claims-table td.about-cell .chip')].filter(c => !/\\s/.test(c.textContent.trim()))"
        ".map(c => [c.textContent, c.getClientRects().length, c.getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(c).lineHeight)]);")
    assert lines
    driver.set_window_size(1400, 1000)
    assert all(rects == 1 and height < 1.5 * line for _, rects, height, line in lines), lines


def test_highlights_render_in_a_colour_per_type(driver, report_url) -> None:
    open_report(driver, report_url)
    assert driver.execute_script("return getComputedStyle(document.querySelector('header.top')).backgroundColor") == "rgb(15, 23, 42)"
    colours = {}
    for etype in ("PERSON", "ORG", "MODEL", "DATE", "LOC"):
        box, colour, label = driver.execute_script(
            "const m = document.querySelector('.text mark.ent-' + arguments[0] + '.last');"
            "const r = m.getBoundingClientRect();"
            "return [[r.width, r.height], getComputedStyle(m).backgroundColor, getComputedStyle(m, '::after').content];", etype)
        assert box[0] > 5 and box[1] > 5, (etype, box)
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), etype
        assert label.strip('"') in ("شخص", "مؤسسة", "نموذج", "تاريخ", "مكان"), label
        colours[etype] = colour
    assert len(set(colours.values())) == 5, colours
    # Claim parts: the content is underlined, the speaker outlined.
    assert "underline" in driver.execute_script("return getComputedStyle(document.querySelector('.text .cl-content')).textDecorationLine")
    assert driver.execute_script("return getComputedStyle(document.querySelector('.text .cl-speaker')).outlineStyle") == "solid"


def test_filters_hide_rows(driver, report_url, tmp_path) -> None:
    open_report(driver, report_url)
    everything = visible_rows(driver)
    assert len(everything) == 6
    Select(driver.find_element(By.ID, "f-speaker")).select_by_value("كاي فو لي")
    assert visible_rows(driver) == ["clm_00000000000000b2"]
    assert driver.find_element(By.ID, "f-count").text == "يُعرض 1 من 6"
    save_screenshot(driver, "report-filtered.png", tmp_path)
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == 6)
    Select(driver.find_element(By.ID, "f-model")).select_by_value("GPT-5")
    assert visible_rows(driver) == ["clm_00000000000000a1", "clm_00000000000000a2"]
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == 6)
    Select(driver.find_element(By.ID, "f-org")).select_by_value("فوتوروم جروب")
    assert visible_rows(driver) == ["clm_00000000000000b1"]
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == 6)
    Select(driver.find_element(By.ID, "f-qt")).select_by_value("direct")
    assert visible_rows(driver) == ["clm_00000000000000b2"]
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == 6)
    # Date range: claims dated in August 2025, by their own date or the article's publication date.
    driver.execute_script("for (const [id, v] of [['f-from', '2025-08-01'], ['f-to', '2025-08-31']]) {"
                          "const el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); }")
    assert visible_rows(driver) == ["clm_00000000000000a1", "clm_00000000000000a2", "clm_00000000000000a3"]
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == 6)
    # Search folds case and Arabic letter variants: "deepseek", and "يقلص" without its shadda.
    driver.find_element(By.ID, "f-q").send_keys("deepseek")
    assert visible_rows(driver) == ["clm_00000000000000b2"]
    driver.find_element(By.ID, "f-q").clear()
    driver.find_element(By.ID, "f-q").send_keys("يقلص")
    assert visible_rows(driver) == ["clm_00000000000000b1"]


def test_sorting_by_confidence(driver, report_url) -> None:
    open_report(driver, report_url)
    header = driver.find_elements(By.CSS_SELECTOR, "#claims-table th")[-1]
    header.click()
    assert visible_rows(driver)[0] == "clm_00000000000000a3"  # 0.40, the least sure
    header.click()
    assert visible_rows(driver)[0] == "clm_00000000000000b2"  # 0.95
    assert header.get_attribute("aria-sort") == "descending"


def test_row_link_lands_on_the_claim_in_its_article(driver, report_url) -> None:
    open_report(driver, report_url)
    link = driver.find_element(By.CSS_SELECTOR, "tr[data-claim='clm_00000000000000b2'] a.row-link")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", link)
    link.click()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return location.hash") == "#t-clm_00000000000000b2")

    def in_view(d) -> bool:
        return d.execute_script("const r = document.getElementById('t-clm_00000000000000b2').getBoundingClientRect();"
                                "return r.top >= 0 && r.bottom <= innerHeight;")

    WebDriverWait(driver, 5).until(in_view)
    assert driver.execute_script("return document.getElementById('t-clm_00000000000000b2').classList.contains('flash')")


def test_screenshot(driver, report_url, tmp_path) -> None:
    open_report(driver, report_url)
    path = save_screenshot(driver, "report.png", tmp_path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    print(f"screenshot: {path}")


# ---------------------------------------------------------------- the seeds, through the real pipeline

@pytest.fixture(scope="module")
def seeds_report_url(tmp_path_factory) -> str:
    """The report of a fresh run over the repository's seed articles."""
    import importlib.util

    from pipeline.paths import REPO_DIR

    seeds = REPO_DIR / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"no seed articles at {seeds}")
    if importlib.util.find_spec("pipeline.commands.run") is None:
        pytest.skip("arclaims run is not there: no pipeline output to view")
    root = tmp_path_factory.mktemp("seeds")
    assert main(["run", str(seeds), "--out", str(root / "out")]) == 0
    html = root / "seeds-report.html"
    assert main(["view", str(root / "out"), "--html", str(html)]) == 0
    return html.as_uri()


def test_seeds_report_rtl_highlights_and_filters(driver, seeds_report_url, tmp_path) -> None:
    open_report(driver, seeds_report_url)
    texts = driver.find_elements(By.CSS_SELECTOR, ".article .text")
    assert len(texts) == 5, "every seed article's text should be found and verified"
    assert not driver.find_elements(By.CSS_SELECTOR, ".article .warn")
    assert all(driver.execute_script("return getComputedStyle(arguments[0]).direction", t) == "rtl" for t in texts)
    # Articles off screen are not laid out (content-visibility: auto) until scrolled near: lay them all out to measure.
    driver.execute_script("document.querySelectorAll('.article').forEach(a => { a.style.contentVisibility = 'visible'; })")
    boxes = driver.execute_script(
        "return [...document.querySelectorAll('.text mark.ent')].map(m => {const r = m.getBoundingClientRect();"
        "return [m.classList[1], r.width, r.height, getComputedStyle(m).backgroundColor];})")
    assert len(boxes) > 50
    assert all(w > 0 and h > 0 and bg != "rgba(0, 0, 0, 0)" for _, w, h, bg in boxes)
    colours = {cls: bg for cls, _, _, bg in boxes}
    assert {"ent-PERSON", "ent-ORG", "ent-MODEL"} <= colours.keys() and len(set(colours.values())) == len(colours)
    assert driver.execute_script(
        "return [...document.querySelectorAll('a.row-link')].every(a => document.getElementById(a.hash.slice(1)))")

    total = len(visible_rows(driver))
    assert total > 5
    speaker = Select(driver.find_element(By.ID, "f-speaker"))
    name = speaker.options[1].get_attribute("value")
    speaker.select_by_value(name)
    rows = visible_rows(driver)
    assert 0 < len(rows) < total
    assert {driver.find_element(By.CSS_SELECTOR, f"tr[data-claim='{r}'] td.who").text for r in rows} == {name}
    save_screenshot(driver, "seeds-report-filtered.png", tmp_path)
    driver.find_element(By.ID, "f-reset").click()
    WebDriverWait(driver, 5).until(lambda d: len(visible_rows(d)) == total)
    model = Select(driver.find_element(By.ID, "f-model"))
    name = model.options[1].get_attribute("value")
    model.select_by_value(name)
    rows = visible_rows(driver)
    assert 0 < len(rows) < total
    assert all(name in driver.find_element(By.CSS_SELECTOR, f"tr[data-claim='{r}']").text for r in rows)
    driver.find_element(By.ID, "f-reset").click()
    path = save_screenshot(driver, "seeds-report.png", tmp_path)
    assert path.stat().st_size > 100_000
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
