"""Capacity and assistance: VR13 asks for two pumps, VR12 offers them, VR13 accepts, and the national
overview shows them committed."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from conftest import make_browser
from e2e_support import login, screenshot
from test_access import click, text_of, wait


def overview_cell(driver, holder, column):
    row = driver.find_element(By.CSS_SELECTOR, f'#capacity-overview tr[data-type="pomp"][data-holder="{holder}"]')
    return int(row.find_element(By.CSS_SELECTOR, f"td.{column}").text)


def test_vr13_asks_vr12_offers_vr13_accepts_and_the_national_overview_shows_it(server, browser, second_browser):
    # setup: the national analyst watches the capacity overview; VR12 has 4 pumps available
    national = make_browser()
    try:
        login(national, server, "analist-kcr2")
        national.get(server + "/capacity")
        WebDriverWait(national, 20).until(EC.presence_of_element_located((By.ID, "capacity-overview")))
        available_before = overview_cell(national, "VR12", "available")
        committed_before = overview_cell(national, "VR12", "committed")

        # MUT 1: VR13's information manager asks for two pumps
        login(browser, server, "im-vr13")
        browser.find_element(By.ID, "nav-capacity").click()
        WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "request-form")))
        Select(browser.find_element(By.ID, "request-type")).select_by_value("pomp")
        quantity = browser.find_element(By.ID, "request-quantity")
        quantity.clear()
        quantity.send_keys("2")
        browser.find_element(By.ID, "request-location").send_keys("Amsteldijk Noord, Ouderkerk")
        browser.find_element(By.ID, "request-reason").send_keys("Kade onder druk; water moet weg uit de polder")
        browser.find_element(By.ID, "request-submit").click()
        WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "request-status")))
        request_url = browser.current_url
        number = re.search(r"BIJ-VR13-\d{4}-\d{4}", browser.find_element(By.TAG_NAME, "h1").text).group(0)
        assert text_of(browser, "request-status") == "Aangevraagd"
        screenshot(browser, "80-assistance-requested")

        # MUT 2: VR12 finds it among the open requests and offers two pumps from Haarlem
        login(second_browser, server, "im-vr12")
        second_browser.get(server + "/capacity")
        wait(second_browser, lambda d: number in text_of(d, "open-requests"))
        second_browser.find_element(By.LINK_TEXT, number).click()
        WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "offer-form")))
        offered = second_browser.find_element(By.ID, "offer-quantity")
        offered.clear()
        offered.send_keys("2")
        second_browser.find_element(By.ID, "offer-submit").click()
        WebDriverWait(second_browser, 20).until(lambda d: "VR12" in text_of(d, "offers"))
        screenshot(second_browser, "81-assistance-offered", "offers")

        # MUT 3: VR13's page shows the offer by itself; the IM accepts it
        WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#offers button[id^='accept-']"))
        assert browser.current_url == request_url
        click(browser, By.CSS_SELECTOR, "#offers button[id^='accept-']")
        wait(browser, lambda d: text_of(d, "request-status") == "Toegezegd")
        assert "2 · VR12" in text_of(browser, "commitments")
        screenshot(browser, "82-assistance-committed", "commitments")

        # assert: the national overview shows the two pumps committed, without a reload
        WebDriverWait(national, 20).until(lambda d: overview_cell(d, "VR12", "committed") == committed_before + 2)
        assert overview_cell(national, "VR12", "available") == available_before - 2
        assert number in text_of(national, "open-requests")
        assert "Toegezegd" in text_of(national, "open-requests")
        screenshot(national, "83-national-capacity-overview", "capacity-overview")
    finally:
        national.quit()
