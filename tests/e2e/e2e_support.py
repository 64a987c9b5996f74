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
