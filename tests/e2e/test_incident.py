"""Two people on one incident: live updates between them, and the timeline slider."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import login, screenshot, open_form


def entry_texts(driver):
    # Read in one script call: a live refresh may replace the elements between two WebDriver calls.
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#picture .entry-text'), e => e.textContent)")


def open_new_incident(driver, server, username, title):
    """Logs in, creates an incident from the list page and returns its page's URL."""
    login(driver, server, username)
    driver.get(server + "/incidents")
    driver.find_element(By.ID, "incident-title").send_keys(title)
    driver.find_element(By.ID, "create-incident").click()
    WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "timeline")))
    return driver.current_url


def test_two_sessions_live_update_and_timeline(server, browser, second_browser):
    # setup: the IM opens an incident from the list page; the HIN opens the same incident page
    incident_url = open_new_incident(browser, server, "im-vr13", "Brand in loods Westpoort")
    assert "VR13-" in browser.find_element(By.ID, "incident-heading").text

    login(second_browser, server, "hin-vr13")
    second_browser.get(incident_url)
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "picture")))

    # MUT: the IM adds an entry; the HIN's page shows it without a reload, within a second
    open_form(browser, "entry-form")
    browser.find_element(By.ID, "entry-text").send_keys("Rookontwikkeling richting A10")
    browser.find_element(By.ID, "entry-source").send_keys("OvD Brandweer")
    browser.find_element(By.ID, "entry-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "Rookontwikkeling richting A10" in entry_texts(d))
    second_browser.execute_script("window.__marker = 'same page'")
    WebDriverWait(second_browser, 1).until(lambda d: "Rookontwikkeling richting A10" in entry_texts(d))
    assert second_browser.execute_script("return window.__marker") == "same page", "the page was reloaded"
    screenshot(second_browser, "10-incident-live-second-session")

    # MUT: the HIN edits the entry; then the IM slides the timeline back to before the edit
    # The slider moves in whole seconds and treats its last second as "now": let the edit land well after
    # the entry, so a moment 1.5 s before the edit is after the entry and clearly in the past.
    time.sleep(2.5)
    edit_at_ms = int(second_browser.execute_script("return Date.now()"))
    second_browser.find_element(By.CSS_SELECTOR, "#picture details.entry-edit summary").click()
    textarea = second_browser.find_element(By.CSS_SELECTOR, "#picture details.entry-edit textarea")
    textarea.clear()
    textarea.send_keys("Zware rookontwikkeling, A10 afgesloten")
    second_browser.find_element(By.CSS_SELECTOR, "#picture details.entry-edit button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: "Zware rookontwikkeling, A10 afgesloten" in entry_texts(d))
    WebDriverWait(second_browser, 10).until(lambda d: "Zware rookontwikkeling, A10 afgesloten" in entry_texts(d))
    screenshot(browser, "11-incident-after-edit")

    slider = browser.find_element(By.ID, "timeline")
    browser.execute_script(
        "const s = arguments[0]; s.max = String(Date.now()); s.value = String(arguments[1]);"
        "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));",
        slider, edit_at_ms - 1500)

    # validate: the picture as it was before the edit, clearly marked as the past
    WebDriverWait(browser, 10).until(lambda d: "Rookontwikkeling richting A10" in entry_texts(d))
    assert "Zware rookontwikkeling, A10 afgesloten" not in entry_texts(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#cockpit-top .past-banner")
    logbook = browser.find_element(By.CSS_SELECTOR, "#picture .logbook").text
    assert "Rookontwikkeling richting A10" in logbook and "A10 afgesloten" not in logbook
    assert not browser.find_element(By.ID, "entry-form").is_displayed(), "no input forms while viewing the past"
    screenshot(browser, "12-incident-timeline-past")

    # back to now
    browser.find_element(By.ID, "back-to-live").click()
    WebDriverWait(browser, 10).until(lambda d: "Zware rookontwikkeling, A10 afgesloten" in entry_texts(d))
    assert not browser.find_elements(By.CSS_SELECTOR, "#cockpit-top .past-banner")


def test_exercise_stays_out_of_the_real_list(server, browser):
    login(browser, server, "im-vr12")
    browser.get(server + "/incidents?exercise=true")
    browser.find_element(By.ID, "incident-title").send_keys("Oefening Dijkdoorbraak")
    assert browser.find_element(By.ID, "incident-exercise").is_selected()
    browser.find_element(By.ID, "create-incident").click()
    banner = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".exercise-banner")))
    assert "OEFENING" in banner.text
    browser.get(server + "/incidents")
    assert "Oefening Dijkdoorbraak" not in browser.find_element(By.ID, "incident-rows").text
    screenshot(browser, "13-incident-list-real")
    browser.get(server + "/incidents?exercise=true")
    assert "Oefening Dijkdoorbraak" in browser.find_element(By.ID, "incident-rows").text
    screenshot(browser, "14-incident-list-exercises")


def add_entry(driver, text, theme="brandweer"):
    open_form(driver, "entry-form")
    Select(driver.find_element(By.ID, "entry-theme")).select_by_value(theme)
    driver.find_element(By.ID, "entry-text").send_keys(text)
    driver.find_element(By.ID, "entry-source").send_keys("Meldkamer")
    driver.find_element(By.ID, "entry-submit").click()
    WebDriverWait(driver, 10).until(lambda d: text in entry_texts(d))


def test_conflict_marked_by_one_and_resolved_by_the_im(server, browser, second_browser):
    # setup: an incident with two reports that disagree
    incident_url = open_new_incident(browser, server, "im-vr13", "Aanrijding Ring Noord")
    add_entry(browser, "Twee voertuigen betrokken")
    add_entry(browser, "Vier voertuigen betrokken", theme="politie")

    # MUT: the operational leader marks them as conflicting from the first entry
    login(second_browser, server, "ol-vr13")
    second_browser.get(incident_url)
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "picture")))
    second_browser.find_element(By.CSS_SELECTOR, "#theme-brandweer details.entry-conflict summary").click()
    second_browser.find_element(By.CSS_SELECTOR, "#theme-brandweer details.entry-conflict input[name=note]").send_keys(
        "Aantal voertuigen verschilt")
    second_browser.find_element(By.CSS_SELECTOR, "#theme-brandweer details.entry-conflict button[type=submit]").click()

    # validate: the IM sees the conflict live, with both reports, and may resolve it; the OL may not
    conflict = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "conflicts")))
    assert "Aantal voertuigen verschilt" in conflict.text
    assert "Twee voertuigen betrokken" in conflict.text and "Vier voertuigen betrokken" in conflict.text
    WebDriverWait(second_browser, 10).until(EC.presence_of_element_located((By.ID, "conflicts")))
    assert not second_browser.find_elements(By.CSS_SELECTOR, "#conflicts form")
    assert browser.execute_script(
        "const s = document.getElementById('timeline'); return s.value === s.max"), "live: the slider sits at now"
    screenshot(browser, "15-incident-conflict")

    browser.find_element(By.CSS_SELECTOR, "#conflicts input[name=resolution]").send_keys("Politie ter plaatse: vier")
    browser.find_element(By.CSS_SELECTOR, "#conflicts button[type=submit]").click()
    WebDriverWait(second_browser, 10).until(lambda d: not d.find_elements(By.ID, "conflicts"))
    assert {"Twee voertuigen betrokken", "Vier voertuigen betrokken"} <= set(entry_texts(browser))


def api(server, method, path, body=None, token=None):
    import json
    import urllib.request
    request = urllib.request.Request(server + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read().decode() or "null")


def test_every_kind_refreshes_an_open_incident_page(server, browser):
    # setup: the IM's incident page is open and records the live events it reacts to
    incident_url = open_new_incident(browser, server, "im-vr13", "Stroomstoring Zuidoost")
    incident = incident_url.rstrip("/").split("/")[-1]
    browser.execute_script(
        "window.seenKinds = []; document.addEventListener('knooppunt:event', e => window.seenKinds.push(e.detail.kind));")
    listened = browser.execute_script("return document.querySelector('meta[name=\"live-kinds\"]').content.split(',')")
    # The page learns the kinds from the server: the ones the old hand-kept list missed are among them.
    for kind in ("sitrap.issued", "entry.shared-nationally", "warning.published", "entry.created"):
        assert kind in listened

    # MUT: a SitRap is issued through the API (as another client of the same IM would)
    _, session = api(server, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})
    status, _ = api(server, "POST", f"/api/v1/incidents/{incident}/sitraps", {"summary": "Eerste beeld"}, token=session["token"])
    assert status == 201

    # validate: the open page received sitrap.issued and refreshed itself (waiting for that state)
    WebDriverWait(browser, 15).until(lambda d: "sitrap.issued" in d.execute_script("return window.seenKinds"))
    screenshot(browser, "14-incident-live-sitrap")


def authority_text(driver):
    return driver.execute_script("const e = document.getElementById('fact-authority'); return e ? e.textContent : ''")


def test_who_decides_follows_the_scale(server, browser):
    # setup: a new incident without an area: nobody can be named yet
    open_new_incident(browser, server, "voorzitter-vr13", "Stroomstoring Zuidoost")
    assert "nog onbekend" in authority_text(browser)

    # MUT: the voorzitter scales up to GRIP 4 with a reason (scaling to the regional level is the region's)
    open_form(browser, "scaling-form")
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("4")
    browser.find_element(By.ID, "scaling-reason").send_keys("Uitval in meerdere gemeenten")
    browser.find_element(By.ID, "scaling-submit").click()

    # validate: the voorzitter of the region decides now, shown without a reload
    WebDriverWait(browser, 10).until(lambda d: "voorzitter van Amsterdam-Amstelland" in authority_text(d))
    screenshot(browser, "16-incident-who-decides", element_id="picture")


def text_of(driver, element_id):
    # One script call: a live refresh may replace the element between two WebDriver calls.
    return driver.execute_script(f"const e = document.getElementById('{element_id}'); return e ? e.textContent : ''")


def test_declared_ramp_history_and_review_on_a_phone(server, browser):
    # setup: a new incident, its page on a 390 px phone screen
    # the voorzitter decides the regional scale and the ramp (decision 0020)
    incident_url = open_new_incident(browser, server, "voorzitter-vr13", "Explosie Westpoort")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    browser.get(incident_url)
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "scaling-grip")))

    # MUT: in the scaling form, the voorzitter scales to GRIP 4, records more than local significance and a declared
    # ramp with its vital interest and reason, in one change
    # (fill and submit in one step: a live refresh may redraw the form in between)
    open_form(browser, "scaling-form")
    browser.execute_script(
        "const set = (id, value) => { const e = document.getElementById(id); e.value = value;"
        " e.dispatchEvent(new Event('change', {bubbles: true})); };"
        "set('scaling-grip', '4'); set('scaling-reason', 'RBT bijeen');"
        "set('authority-significance', 'meer-dan-plaatselijk'); set('authority-declaration', 'ramp');"
        "document.getElementById('authority-interest-fysieke-veiligheid').checked = true;"
        "set('authority-reason', 'Explosie met veel slachtoffers');"
        "document.getElementById('scaling-submit').click();")

    # validate: the voorzitter has the opperbevel, shown without a reload; a review is due
    WebDriverWait(browser, 10).until(lambda d: "opperbevel, één lijn naar het bestuur" in authority_text(d))
    assert "voorzitter van Amsterdam-Amstelland" in authority_text(browser)
    assert "Verklaard tot ramp" in text_of(browser, "fact-declaration")
    assert "volgende uiterlijk" in text_of(browser, "scale-review")
    # the history opens under the line and lists the change with its reason, and stays open on refresh
    browser.execute_script("document.querySelector('#authority-history summary').click()")
    history = text_of(browser, "authority-history")
    assert "Verloop van het gezag (2)" in history and "Reden: Explosie met veel slachtoffers" in history
    # as whom it was decided (C10): the voorzitter in person, not under a mandate
    assert "Besloten als de voorzitter van Amsterdam-Amstelland" in history, history
    screenshot(browser, "17-incident-ramp-authority-history-phone", element_id="picture")

    # MUT: the voorzitter opens "Herbeoordeling vastleggen" and records a review
    # (choose, write and submit in one step: a live refresh may redraw the form in between)
    browser.execute_script(
        "document.querySelector('#review-record summary').click();"
        "document.getElementById('review-outcome').value = 'handhaven';"
        "document.getElementById('review-reason').value = 'Bestrijding loopt, opschaling nodig';"
        "document.getElementById('review-submit').click();")

    # validate: the logbook shows it, the history stayed open, nothing is wider than the phone
    WebDriverWait(browser, 10).until(
        lambda d: "herbeoordeeld" in d.execute_script("return document.getElementById('picture').textContent"))
    assert browser.execute_script("return document.getElementById('authority-history').open")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(browser, "18-incident-review-recorded-phone", element_id="scale-review")
