"""Urgent means visible, and a live status that cannot be missed (issue 16, points 3 and 5; decision 0022)."""
import datetime
import shutil
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import start_server
from e2e_support import login, screenshot
from test_incident import api


def token(server, username):
    _, session = api(server, "POST", "/api/v1/session", {"username": username, "password": "demo"})
    return session["token"]


def open_new_incident(driver, server, username, title):
    login(driver, server, username)
    driver.get(server + "/incidents")
    driver.find_element(By.ID, "incident-title").send_keys(title)
    driver.find_element(By.ID, "create-incident").click()
    WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "timeline")))
    return driver.current_url


def urgent_state(driver):
    # One script call: a live refresh may replace the elements between two WebDriver calls.
    return driver.execute_script(
        "const b = document.querySelector('#urgent .urgent-banner');"
        "return {title: document.title, banner: b ? b.textContent : ''};")


def test_a_partners_spoed_entry_reaches_the_im_at_once_and_stays_until_acknowledged(server, browser):
    # setup: the IM's incident page is open; RWS is linked to the incident
    incident_url = open_new_incident(browser, server, "im-vr13", "Kade Amstel onder druk")
    incident = incident_url.rstrip("/").split("/")[-1]
    im = token(server, "im-vr13")
    until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, _ = api(server, "POST", f"/api/v1/incidents/{incident}/access",
                    {"organisation": "RWS", "purpose": "Meedenken over de kade", "until": until}, token=im)
    assert status == 201
    assert not urgent_state(browser)["banner"]
    assert not browser.title.startswith("(")
    # the IM turns the sound on (a stand-in for the speaker counts the tones)
    browser.execute_script(
        "window.__tones = 0; window.AudioContext = class { constructor() { this.currentTime = 0; this.destination = {}; }"
        " createOscillator() { window.__tones += 1; return { frequency: {}, connect: (g) => g, start() {}, stop() {} }; }"
        " createGain() { return { gain: {}, connect: (d) => d }; } };")
    sound = browser.find_element(By.ID, "urgent-sound")
    assert sound.text == "Geluid bij urgente melding: uit"
    sound.click()
    assert sound.get_attribute("aria-pressed") == "true" and sound.text.endswith(": aan")

    # MUT: Rijkswaterstaat posts a spoed entry through the API
    status, _ = api(server, "POST", f"/api/v1/incidents/{incident}/entries",
                    {"theme": "partner:RWS", "text": "SPOED: kade bezwijkt mogelijk binnen 2 uur", "source": "RWS",
                     "priority": "spoed"}, token=token(server, "rws"))
    assert status == 201

    # validate: within 2 s the IM's open page shows the banner and the count in the tab title
    WebDriverWait(browser, 2, poll_frequency=0.1).until(
        lambda d: "kade bezwijkt" in urgent_state(d)["banner"] and d.title.startswith("(1) "))
    state = urgent_state(browser)
    assert "Spoed" in state["banner"]
    assert browser.execute_script("return window.__tones") == 2, "a double tone for the new urgent entry"
    # the entry itself carries the mark in text, not colour alone
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('#picture .entry.priority-spoed .badge.priority-spoed'), e => e.textContent)")
    assert marks == ["Spoed"]
    screenshot(browser, "40-urgent-banner")

    # MUT: the IM acknowledges it
    browser.find_element(By.CSS_SELECTOR, "#urgent button.acknowledge").click()

    # validate: the banner and the count are gone; the entry says who acknowledged it
    WebDriverWait(browser, 10).until(lambda d: not urgent_state(d)["banner"] and not d.title.startswith("("))
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return Array.from(document.querySelectorAll('#picture .badge.acknowledged'), e => e.textContent).join(' ')")
        .startswith("Bevestigd door"))
    screenshot(browser, "41-urgent-acknowledged", element_id="picture")


def test_a_lost_connection_shows_a_banner_and_disables_forms(browser):
    # setup: a server of its own, so stopping it leaves the other tests theirs
    data = tempfile.mkdtemp(prefix="knooppunt-e2e-offline-")
    process, base, log = start_server(data)
    try:
        open_new_incident(browser, base, "im-vr13", "Dijkbewaking Ouderkerk")
        assert browser.find_element(By.ID, "entry-submit").is_enabled()
        assert not browser.find_elements(By.CSS_SELECTOR, "#live-status:not([hidden])")

        # MUT: the server stops
        process.terminate()
        process.wait(timeout=30)

        # validate: within 20 s a text banner names the lost connection and the last update; forms are disabled
        WebDriverWait(browser, 20, poll_frequency=0.2).until(lambda d: d.execute_script(
            "const b = document.getElementById('live-status'); return b !== null && !b.hidden"))
        text = browser.find_element(By.ID, "live-status").text
        assert text.startswith("Geen live verbinding — laatste update om ")
        assert not browser.find_element(By.ID, "entry-submit").is_enabled()
        assert not browser.find_element(By.ID, "entry-text").is_enabled()
        screenshot(browser, "42-live-connection-lost")
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()
        shutil.rmtree(data, ignore_errors=True)
