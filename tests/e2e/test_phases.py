"""GRIP with its scale, the region's phase towards a threat and the IRBT on the incident page (decision 0021)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import screenshot, open_form
from test_incident import api, open_new_incident


def text_of(driver, element_id):
    # One script call: a live refresh may replace the element between two WebDriver calls.
    return driver.execute_script(f"const e = document.getElementById('{element_id}'); return e ? e.textContent : ''")


def test_incident_shows_grip_scale_region_phase_and_irbt(server, browser):
    # setup: the IM opens an incident; the region's phase was never recorded
    incident_url = open_new_incident(browser, server, "ol-vr13", "Gaslek Bijlmer")
    assert text_of(browser, "fact-grip") == "geen GRIP / routine"
    assert "Amsterdam-Amstelland: koude fase (niet vastgelegd)" in text_of(browser, "fact-region-phase")

    # MUT: the OL scales up to GRIP 2 (operational; GRIP 3 is the burgemeester's, decision 0020) with a reason
    open_form(browser, "scaling-form")
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("2")
    browser.find_element(By.ID, "scaling-reason").send_keys("Woonblokken ontruimd")
    browser.find_element(By.ID, "scaling-submit").click()

    # validate: GRIP shows its scale, the phase did not move, and the region is asked about it
    WebDriverWait(browser, 10).until(lambda d: text_of(d, "fact-grip") == "GRIP 2 (lokaal)")
    assert "koude fase" in text_of(browser, "fact-region-phase")
    assert "GRIP 2 (lokaal)" in text_of(browser, "region-phase-hint")
    screenshot(browser, "17-incident-grip-scale-region-phase", element_id="picture")

    # MUT: on the home page the OL records the warm phase with a reason
    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, "#region-phase details summary").click()
    Select(browser.find_element(By.ID, "region-phase-phase")).select_by_value("warm")
    browser.find_element(By.ID, "region-phase-reason").send_keys("Gaslek bedreigt meerdere wijken")
    browser.find_element(By.ID, "region-phase-submit").click()
    WebDriverWait(browser, 10).until(lambda d: text_of(d, "region-phase-value") == "Warme fase")
    assert "Gaslek bedreigt meerdere wijken" in text_of(browser, "region-phase")
    screenshot(browser, "18-home-region-phase", element_id="region-phase")

    # validate: the incident page shows the lead region's warm phase, the question is gone, and with one region there is no IRBT
    browser.get(incident_url)
    WebDriverWait(browser, 10).until(lambda d: "warme fase" in text_of(d, "fact-region-phase"))
    assert not browser.find_elements(By.ID, "region-phase-hint")
    assert not browser.find_elements(By.ID, "irbt"), "one region: no IRBT"


def test_irbt_formed_on_request_on_a_phone(server, browser):
    # setup: an incident of two regions, on a phone-sized screen
    browser.set_window_size(390, 844)
    incident_url = open_new_incident(browser, server, "im-vr13", "Hoogwater Amstel")
    incident = incident_url.rstrip("/").split("/")[-1]
    _, session = api(server, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})
    status, _ = api(server, "PATCH", f"/api/v1/incidents/{incident}", {"baseVersion": 1, "involvedRegions": ["VR13", "VR12"]},
                    token=session["token"])
    assert status == 200
    browser.get(incident_url)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "irbt-form-submit")))

    # MUT: the IM forms the IRBT and records a joint decision both voorzitters agreed to
    browser.find_element(By.ID, "irbt-form-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "coördinerend voorzitter" in text_of(d, "irbt-members"))
    browser.find_element(By.CSS_SELECTOR, "#irbt-decision-form").find_element(By.XPATH, "..").find_element(
        By.TAG_NAME, "summary").click()
    browser.find_element(By.ID, "irbt-decision-text").send_keys("Gezamenlijke evacuatie langs de Amstel")
    for box in browser.find_elements(By.CSS_SELECTOR, "#irbt-decision-form input[name='agreedRegions[]']"):
        box.click()
    browser.find_element(By.ID, "irbt-decision-submit").click()

    # validate: the block shows the members, the lead region's voorzitter coordinating, and the joint decision
    WebDriverWait(browser, 10).until(lambda d: "alle voorzitters akkoord" in text_of(d, "irbt-decisions"))
    members = text_of(browser, "irbt-members")
    assert "de voorzitter van Amsterdam-Amstelland" in members and "Kennemerland" in members
    assert browser.execute_script("return document.getElementById('irbt').getBoundingClientRect().right") <= 390
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    screenshot(browser, "19-incident-irbt-phone", element_id="irbt")
