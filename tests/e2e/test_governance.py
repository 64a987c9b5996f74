"""Bestuurlijk gezag in the browser (decision 0020): the IM proposes GRIP 3, the burgemeester decides on a phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from e2e_support import login, screenshot, viewport, open_form
from test_access import text_of, wait
from test_federation import api

OUDERKERK = {"type": "Point", "coordinates": [4.9012, 52.2951]}


def all_text(driver, element_id):
    """The text of an element including folded (<details>) parts."""
    return driver.execute_script("const e = document.getElementById(arguments[0]); return e ? e.textContent : ''", element_id)


def authority_title(driver):
    return driver.execute_script("const e = document.getElementById('fact-authority'); return e ? e.title : ''")


def test_im_proposes_grip_3_and_the_burgemeester_accepts_on_a_phone(server, browser, second_browser):
    # setup: an incident at Ouderkerk aan de Amstel (gemeente Ouder-Amstel), opened by the IM at GRIP 1
    token = api(server, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})["token"]
    incident = api(server, "POST", "/api/v1/incidents", {
        "title": "Dijkverzakking Ouderkerk", "category": "overstroming", "grip": 1, "gripReason": "CoPI ingesteld",
        "location": OUDERKERK}, token)
    url = f"{server}/incidents/{incident['id']}"
    login(browser, server, "im-vr13")
    browser.get(url)
    wait(browser, lambda d: "burgemeester van Ouder-Amstel" in text_of(d, "fact-authority"))

    # MUT: the IM asks for GRIP 3; she does not decide it, so it goes to the burgemeester as a proposal
    open_form(browser, "scaling-form")
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("3")
    browser.find_element(By.ID, "scaling-reason").send_keys("Woningen langs de dijk ontruimd")
    browser.find_element(By.ID, "scaling-submit").click()
    wait(browser, lambda d: "Woningen langs de dijk ontruimd" in text_of(d, "proposals"))
    assert "GRIP 1" in text_of(browser, "fact-grip"), "a proposal changes nothing yet"
    assert not browser.find_elements(By.CSS_SELECTOR, "#proposals .accept-proposal"), "the IM cannot accept"
    screenshot(browser, "60-proposal-by-im", element_id="proposals")

    # the burgemeester of Ouder-Amstel opens the incident on a 390 px phone and accepts
    viewport(second_browser, 390, 844, mobile=True)
    login(second_browser, server, "bgm-ouder-amstel")
    second_browser.get(url)
    wait(second_browser, lambda d: "Woningen langs de dijk ontruimd" in text_of(d, "proposals"))
    assert second_browser.execute_script("return document.documentElement.scrollWidth") <= 390, "nothing wider than the phone"
    accept = second_browser.find_element(By.CSS_SELECTOR, "#proposals .accept-proposal")
    second_browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", accept)
    screenshot(second_browser, "61-proposal-burgemeester-phone", element_id="proposals")
    accept.click()

    # validate: on both screens the incident is at GRIP 3 under the burgemeester's authority, and the
    # proposal says who accepted it, as which office
    wait(second_browser, lambda d: "GRIP 3" in text_of(d, "fact-grip"))
    wait(browser, lambda d: "GRIP 3" in text_of(d, "fact-grip"))
    wait(browser, lambda d: "GRIP 3" in authority_title(d))
    assert "burgemeester van Ouder-Amstel" in text_of(browser, "fact-authority")
    # decided proposals are folded away under "Afgehandelde voorstellen"
    wait(browser, lambda d: "Aanvaard door Gerrit Hoekstra als de burgemeester van Ouder-Amstel" in all_text(d, "proposals"))
    screenshot(second_browser, "62-incident-after-acceptance-phone")


def test_the_burgemeester_decides_from_the_bestuurlijk_overzicht_on_a_phone(server, browser):
    # setup: an incident at Ouderkerk aan de Amstel at GRIP 1, and the IM's proposal of GRIP 3
    token = api(server, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})["token"]
    incident = api(server, "POST", "/api/v1/incidents", {
        "title": "Wateroverlast Ouderkerk", "category": "overstroming", "grip": 1, "gripReason": "CoPI ingesteld",
        "location": OUDERKERK}, token)
    api(server, "POST", f"/api/v1/incidents/{incident['id']}/proposals", {"grip": 3, "reason": "Kelders langs de Amstel ondergelopen"}, token)

    # MUT: the burgemeester of Ouder-Amstel opens the overview from the header on a 390 px phone
    viewport(browser, 390, 844, mobile=True)
    login(browser, server, "bgm-ouder-amstel")
    browser.get(browser.find_element(By.ID, "nav-bestuur").get_attribute("href"))
    wait(browser, lambda d: "Kelders langs de Amstel ondergelopen" in text_of(d, "te-beslissen"))
    assert "GRIP 3 (lokaal)" in text_of(browser, "te-beslissen") and "Wateroverlast Ouderkerk" in text_of(browser, "te-beslissen")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390, "nothing wider than the phone"
    item = browser.find_element(By.CSS_SELECTOR, "#te-beslissen .proposal")
    item.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Akkoord")
    item.find_element(By.CSS_SELECTOR, ".accept-proposal").click()

    # validate: back on the overview, nothing left to decide, the incident under her authority at GRIP 3
    wait(browser, lambda d: d.current_url.endswith("/bestuur") and "Te beslissen (0)" in text_of(d, "te-beslissen"))
    under = text_of(browser, "onder-uw-gezag")
    assert "Wateroverlast Ouderkerk" in under and "GRIP 3 (lokaal)" in under
    assert "burgemeester van Ouder-Amstel" in under
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(browser, "63-bestuurlijk-overzicht-phone")
