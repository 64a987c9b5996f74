"""The fallback picture (decision 0017): VR13's node keeps the national node supplied with a copy of its open
incidents; when the VR13 node is down, VR13's emergency account reads and prints it on the national node."""
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import free_port
from e2e_support import login, screenshot, viewport
from test_access import text_of
from test_federation import api, run, start_all


@pytest.fixture
def national_and_vr13():
    """The national node kcr2 and the regional node vr13 as real processes, trusting each other. Yields the base
    URLs and the vr13 process, so a test can take the region down."""
    data = {name: tempfile.mkdtemp(prefix=f"knooppunt-{name}-") for name in ("kcr2", "vr13")}
    ports = {name: free_port() for name in data}
    keys = {}
    for name, folder in data.items():
        run("migrate", "--data-dir", folder)
        keys[name] = re.search(r"public key (\S+)", run("node", "init", "--name", name, "--data-dir", folder)).group(1)
    run("node", "trust", "kcr2", f"http://127.0.0.1:{ports['kcr2']}", keys["kcr2"], "--national", "--data-dir", data["vr13"])
    run("node", "trust", "vr13", f"http://127.0.0.1:{ports['vr13']}", keys["vr13"], "--regional", "--data-dir", data["kcr2"])
    nodes = start_all([(data["kcr2"], ports["kcr2"], "--role", "national"),
                       (data["vr13"], ports["vr13"], "--role", "region", "--region", "VR13")])
    yield {"kcr2": f"http://127.0.0.1:{ports['kcr2']}", "vr13": f"http://127.0.0.1:{ports['vr13']}", "vr13_process": nodes[1][0]}
    for process, log in nodes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()
    for folder in data.values():
        shutil.rmtree(folder, ignore_errors=True)


def wait_for(condition, timeout=60, message="condition"):
    """Polls `condition` until it returns something truthy: waiting on state, not on time."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
            if value:
                return value
        except (OSError, urllib.error.HTTPError, KeyError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        time.sleep(0.5)


def test_emergency_account_reads_the_fallback_picture_while_the_region_is_down(national_and_vr13, browser):
    national, vr13 = national_and_vr13["kcr2"], national_and_vr13["vr13"]
    # setup: VR13's IM opens an incident with entries (one confidential), a decision, an action and a SitRap
    im = api(vr13, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})["token"]
    incident = api(vr13, "POST", "/api/v1/incidents", {
        "title": "Gaslek Buiksloterham", "category": "gevaarlijke-stoffen", "grip": 2,
        "location": {"type": "Point", "coordinates": [4.905, 52.39]}}, im)
    for entry in ({"theme": "algemeen", "text": "Woningen aan de Johan van Hasseltweg ontruimd", "source": "OvD Brandweer"},
                  {"theme": "geneeskundig", "text": "Twee bewoners met klachten naar het OLVG", "source": "OvD-G"},
                  {"theme": "politie", "text": "Vertrouwelijk: aanwijzing voor opzet", "source": "OvD Politie",
                   "classification": "confidential"}):
        api(vr13, "POST", f"/api/v1/incidents/{incident['id']}/entries", entry, im)
    api(vr13, "POST", f"/api/v1/incidents/{incident['id']}/decisions",
        {"team": "rot", "text": "Opvang in sporthal De Kolk", "decidedBy": "Operationeel leider"}, im)
    api(vr13, "POST", f"/api/v1/incidents/{incident['id']}/actions",
        {"text": "Bewoners informeren via NL-Alert", "owner": "VR13"}, im)
    sitrap = api(vr13, "POST", f"/api/v1/incidents/{incident['id']}/sitraps",
                 {"summary": "Gaslek onder controle, ontruiming blijft van kracht."}, im)
    assert sitrap["sitrap"]["number"] == 1

    # the national node holds the current copy: wait on its state through the emergency account's API
    nood = api(national, "POST", "/api/v1/session", {"username": "nood-vr13", "password": "demo"})["token"]
    path = f"/api/v1/fallback/incidents/vr13/{incident['id']}"

    def current_copy():
        copy = api(national, "GET", path, token=nood)["picture"]
        return copy if copy.get("sitrap", {}).get("number") == 1 and len(copy["entries"]) == 2 \
            and copy["openActions"] else None
    wait_for(current_copy, message="the copy with the SitRap on the national node")

    # MUT: the VR13 node goes down
    process = national_and_vr13["vr13_process"]
    process.terminate()
    process.wait(timeout=30)
    with pytest.raises(OSError):
        urllib.request.urlopen(vr13 + "/api/v1/health", timeout=2)

    # the emergency account logs in on the national node and lands on the region's fallback list
    viewport(browser, 1440, 900)
    login(browser, national, "nood-vr13")
    assert browser.current_url.rstrip("/").endswith("/fallback")
    assert "Terugvalkopie" in text_of(browser, "fallback-banner")
    listing = text_of(browser, "fallback-incidents")
    assert "Gaslek Buiksloterham" in listing and "GRIP 2" in listing and "laatst bijgewerkt om" in listing
    assert "Hoogwater Amstel bij Ouderkerk" in listing, "the demo incident of VR13 is there too"
    nav = browser.find_element(By.CSS_SELECTOR, ".site-header nav").text
    assert "Landelijk beeld" not in nav and "Incidenten" not in nav
    screenshot(browser, "90-fallback-list")

    # the incident's copy: status first, entries per theme, decision, open action and the SitRap
    browser.find_element(By.LINK_TEXT, f"{incident['reference']} · Gaslek Buiksloterham").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "fallback-status"))
    assert "GRIP 2" in text_of(browser, "fallback-status")
    entries = text_of(browser, "fallback-entries")
    assert "Woningen aan de Johan van Hasseltweg ontruimd" in entries and "Twee bewoners" in entries
    assert "opzet" not in browser.page_source, "confidential information stays with the region"
    assert "Opvang in sporthal De Kolk" in text_of(browser, "fallback-decisions")
    assert "Bewoners informeren via NL-Alert" in text_of(browser, "fallback-actions")
    sitrap_text = text_of(browser, "fallback-sitrap")
    assert "SitRap 1" in sitrap_text and "Gaslek onder controle" in sitrap_text
    screenshot(browser, "91-fallback-incident")

    # printable: no header, navigation or buttons on paper
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = browser.execute_script(
        "return ['.site-header', '#fallback-print'].map(s => getComputedStyle(document.querySelector(s)).display)")
    assert hidden == ["none", "none"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # usable on a 390 px phone: nothing wider than the screen
    viewport(browser, 390, 844, mobile=True)
    browser.refresh()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "fallback-status"))
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(browser, "92-fallback-incident-phone")

    # the emergency account reads nothing else on the national node
    browser.get(national + "/national")
    assert "403" in browser.find_element(By.TAG_NAME, "main").text

    # the list on the phone
    browser.get(national + "/fallback")
    assert browser.find_elements(By.ID, "fallback-incidents")
    screenshot(browser, "93-fallback-list-phone")
