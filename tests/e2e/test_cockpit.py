"""The incident cockpit (decision 0024): the voorzitter reads the demo flood on a phone without scrolling —
the incident, GRIP with its reason, who decides, the totaalbeeld and the open besluitpunten; the IM updates
the totaalbeeld and raises a besluitpunt, and the burgemeester's open page shows both; a decision answers it."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from e2e_support import login, open_form, screenshot, viewport, wait

FLOOD = "Hoogwater Amstel bij Ouderkerk"


def open_demo_flood(driver, server):
    driver.get(server + "/incidents")
    link = wait(driver, lambda d: d.find_element(By.PARTIAL_LINK_TEXT, FLOOD))
    driver.get(link.get_attribute("href"))
    wait(driver, lambda d: d.find_element(By.ID, "status-strip"))


def bottom(driver, element_id):
    return driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.bottom + window.scrollY", element_id)


def test_the_voorzitter_reads_the_flood_on_a_phone_without_scrolling(server, browser):
    # setup: the voorzitter of VR13 on a 390 × 844 phone
    viewport(browser, 390, 844, mobile=True)
    login(browser, server, "voorzitter-vr13")

    # assert: the home already names what must be decided and the totaalbeeld, with the latest SitRap
    # (other tests on this server open incidents too: read the flood's own card)
    home = browser.find_element(
        By.XPATH, f"//*[@id='home-incidents']//li[.//a[normalize-space()='{FLOOD}']]//*[@class='home-bestuur-lines']").text
    assert "Totaalbeeld: Amstel 40 cm boven streefpeil" in home
    assert "Evacueren we de 40 woningen" in home
    assert "Laatste SitRap 1" in home
    screenshot(browser, "cockpit-voorzitter-home-phone")

    # MUT: open the demo flood
    open_demo_flood(browser, server)

    # assert: everything a bestuurder needs first is above the fold, in words
    assert FLOOD in browser.find_element(By.ID, "incident-heading").text
    assert browser.find_element(By.ID, "fact-grip").text.startswith("GRIP 1")
    assert "Kade onder druk" in browser.find_element(By.ID, "fact-grip-reason").text
    assert browser.find_element(By.ID, "fact-authority").text.startswith("Wie beslist:")
    assert "40 cm boven streefpeil" in browser.find_element(By.ID, "totaalbeeld").text
    points = browser.find_element(By.ID, "open-decision-points").text
    assert "Evacueren we de 40 woningen" in points
    fold = browser.execute_script("return window.innerHeight")
    for part in ("incident-heading", "status-strip", "totaalbeeld", "open-decision-points"):
        assert bottom(browser, part) <= fold, f"{part} ends at {bottom(browser, part)} px, below the fold at {fold} px"
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll"
    # no form in the reading flow: the decision form sits behind its button
    assert not browser.find_element(By.CSS_SELECTOR, "#open-decision-points textarea").is_displayed()
    screenshot(browser, "cockpit-voorzitter-phone")


def test_the_im_updates_the_totaalbeeld_and_raises_a_besluitpunt_that_a_decision_answers(server, browser, second_browser):
    # setup: the IM at a desk, the burgemeester of Ouder-Amstel (who holds the local flood) with the page open
    viewport(browser, 1440, 900)
    login(browser, server, "im-vr13")
    open_demo_flood(browser, server)
    viewport(second_browser, 1440, 900)
    login(second_browser, server, "bgm-ouder-amstel")
    open_demo_flood(second_browser, server)

    # MUT: the IM rewrites the totaalbeeld's outlook and raises a besluitpunt
    open_form(browser, "summary-algemeen-form")
    outlook = browser.find_element(By.ID, "summary-algemeen-outlook")
    outlook.clear()
    outlook.send_keys("Piek vannacht om 03:00, 65 cm boven streefpeil.")
    browser.find_element(By.ID, "summary-algemeen-submit").click()
    open_form(browser, "point-form")
    browser.find_element(By.ID, "point-text").send_keys("Sluiten we de Amsteldijk voor verkeer?")
    Select(browser.find_element(By.ID, "point-team")).select_by_value("gbt")
    browser.find_element(By.ID, "point-submit").click()

    # assert: the burgemeester's open page shows both, live
    wait(second_browser, lambda d: "65 cm boven streefpeil" in d.find_element(By.ID, "totaalbeeld").text)
    wait(second_browser, lambda d: "Sluiten we de Amsteldijk" in d.find_element(By.ID, "open-decision-points").text)
    assert "versie 2" in second_browser.find_element(By.ID, "totaalbeeld").text
    screenshot(browser, "cockpit-im-desktop")

    # MUT: the burgemeester records the decision that answers it
    item = second_browser.find_element(
        By.XPATH, "//*[@id='open-decision-points']//li[contains(., 'Sluiten we de Amsteldijk')]")
    item.find_element(By.TAG_NAME, "summary").click()
    item.find_element(By.CSS_SELECTOR, "textarea[name=text]").send_keys("Amsteldijk dicht voor verkeer vanaf 18:00")
    item.find_element(By.CSS_SELECTOR, "form:not(.point-withdraw) button[type=submit]").click()

    # assert: the point leaves the open list and the decision names it
    wait(second_browser, lambda d: "Sluiten we de Amsteldijk" not in d.find_element(By.ID, "open-decision-points").text)
    decisions = second_browser.find_element(By.ID, "decisions").text
    assert "Amsteldijk dicht voor verkeer" in decisions
    assert "Besloten" in decisions
    screenshot(second_browser, "cockpit-decided", "decisions")
