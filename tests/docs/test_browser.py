"""The built site in a real browser: headless Chromium (Debian's chromium + chromium-driver,
installed by `make test`) driven by selenium, over the site served on localhost.

An operation page shows its title, the navigation and the code tabs; a workflow's sequence
diagram is drawn by the shipped mermaid (the theme draws it inside a closed shadow root, so the
check is the element's rendered size and that its source text is gone); search finds an
operation by name. Screenshots land in build/docs-screenshots/."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SITE_SRC, Build, build, prepare

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = ROOT / "build" / "docs-screenshots"
OPERATION = "reference/messages/create-message/"
WORKFLOW = "workflows/send-message-to-chat/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(built_site: Build) -> Iterator[str]:
    yield from _serve(built_site.site)


@pytest.fixture(scope="module")
def zensical_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = prepare(SITE_SRC, tmp_path_factory.mktemp("zensical") / "docs")
    yield from _serve(build(folder, "zensical").site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "Debian's chromium and chromium-driver are not installed (`make test` installs "
            "them with apt-get when it runs as root and apt can reach its mirror)"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(driver: Any, condition: Any, timeout: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_operation_page_renders_title_navigation_and_code_tabs(browser: Any, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url + OPERATION)
    title = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "article h1"))
    assert title.text.strip() == "Send a message"
    nav_links = browser.find_elements(By.CSS_SELECTOR, "nav.md-nav--primary a.md-nav__link")
    assert len(nav_links) > 50
    labels = browser.find_elements(By.CSS_SELECTOR, ".tabbed-set .tabbed-labels label")
    assert [label.text for label in labels[:3]] == ["curl", "Python", "CLI"]
    blocks = browser.find_elements(By.CSS_SELECTOR, ".tabbed-set .tabbed-block")
    assert blocks[0].is_displayed() and not blocks[1].is_displayed()
    assert "curl -X POST" in blocks[0].text
    labels[1].click()
    _wait(browser, lambda d: blocks[1].is_displayed())
    assert "client.messages.create_message(" in blocks[1].text
    assert not blocks[0].is_displayed()
    browser.save_screenshot(str(SHOTS / "operation.png"))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_sequence_diagram_is_drawn(
    builder: str, browser: Any, request: pytest.FixtureRequest
) -> None:
    """Offline: the diagram is drawn by the mermaid shipped with the site, under both themes."""
    from selenium.webdriver.common.by import By

    url = request.getfixturevalue("site_url" if builder == "mkdocs" else "zensical_site_url")
    browser.get(url + WORKFLOW)
    diagram = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "div.mermaid, pre.mermaid"))
    _wait(browser, lambda d: diagram.size["height"] > 150 and "sequenceDiagram" not in diagram.text)
    assert diagram.size["width"] > 200, diagram.size
    assert "sequenceDiagram" not in diagram.text
    assert "->>" not in browser.find_element(By.CSS_SELECTOR, "article").text
    browser.execute_script("arguments[0].scrollIntoView()", diagram)
    browser.save_screenshot(str(SHOTS / f"workflow-diagram-{builder}.png"))


def test_search_finds_an_operation_by_name(browser: Any, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url)
    field = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    if not field.is_displayed():  # a narrow window hides it behind the header's button
        browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for='__search']").click()
    _wait(browser, lambda d: field.is_displayed())
    field.click()
    field.send_keys("Send a message")

    def hit(driver: Any) -> Any:
        for link in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item a"):
            if OPERATION in (link.get_attribute("href") or ""):
                return link
        return None

    link = _wait(browser, hit, timeout=30)
    browser.save_screenshot(str(SHOTS / "search.png"))
    link.click()
    _wait(browser, lambda d: OPERATION in d.current_url)
