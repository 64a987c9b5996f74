"""Helpers the browser tests import."""
import pathlib

SCREENSHOTS = pathlib.Path(__file__).resolve().parent / "screenshots"


def screenshot(driver, name: str, element_id: str | None = None, selector: str | None = None) -> pathlib.Path:
    """Saves the top of the page, or the part around `element_id` (or the first match of a CSS `selector`,
    found at the moment of the screenshot: a live page may have replaced the element meanwhile)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if selector:
        driver.execute_script("const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView()", selector)
    elif element_id:
        driver.execute_script(f"document.getElementById('{element_id}').scrollIntoView()")
    else:
        driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(path))
    return path


def login(driver, base, username, password="demo"):
    """Logs in through the form and waits for the home page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "organisation-name")))


def viewport(driver, width, height, mobile=False):
    """Emulates a screen of `width` × `height` CSS pixels (a phone with `mobile`)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def wait(driver, condition, seconds=20):
    """Waits until `condition` holds; a live page or a form's redirect may replace an element between
    finding it and reading it, so a stale element means "not yet", not a failure."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def open_form(driver, element_id):
    """Opens the button (a `details`) a form sits behind, as a user clicks it; leaves an open one open."""
    from selenium.webdriver.common.by import By
    element = driver.find_element(By.ID, element_id)
    details = element.find_element(By.XPATH, "ancestor::details[1]")
    if details.get_attribute("open") is None:
        summary = details.find_element(By.TAG_NAME, "summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
    wait(driver, lambda d: d.find_element(By.ID, element_id).is_displayed())


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    """axe-core's axe.min.js (MPL-2.0, Deque Systems), as shipped inside the PyPI package
    axe-playwright-python (installed without its Playwright dependency by `scripts/setup test`; only the
    script file is used, nothing of Playwright)."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "run scripts/setup test (installs axe-playwright-python)"
    return (pathlib.Path(spec.submodule_search_locations[0]) / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(driver, known: set[str] = frozenset()) -> list[dict]:
    """Runs axe-core on the current page against WCAG 2.0/2.1 A and AA; returns the violations whose rule id
    is not in `known`."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_script())
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),"
        " summary: (n.failureSummary || '').slice(0, 300)}))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        AXE_TAGS)
    return [v for v in result if v["id"] not in known]


def describe_violations(violations: list[dict]) -> str:
    """One readable block per violation: rule id, impact, what it means, and each element with its selector."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", " | "))
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(driver, page: str, known: set[str] = frozenset()):
    """Asserts that axe-core finds no WCAG 2.1 A/AA violation on the current page (other than `known` rule ids)."""
    violations = axe_violations(driver, known)
    assert not violations, f"axe-core on {page} ({driver.current_url}):\n{describe_violations(violations)}"
