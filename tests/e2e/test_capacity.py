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

        # MUT 1: VR13's information manager asks for two pumps: a proposal, as bijstand is the competent
        # authority's (decision 0020)
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
        assert text_of(browser, "request-status") == "Concept"
        assert "Hier beslist de voorzitter van Amsterdam-Amstelland" in text_of(browser, "awaiting-authority")
        assert not browser.find_elements(By.ID, "submit-request")
        screenshot(browser, "80-assistance-proposed")

        # MUT 1b: the operational leader submits it under her mandate of the voorzitter
        browser.delete_all_cookies()
        login(browser, server, "ol-vr13")
        browser.get(request_url)
        WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "submit-request")))
        click(browser, By.ID, "submit-request")
        wait(browser, lambda d: text_of(d, "request-status") == "Aangevraagd")
        assert "Fatima El Amrani" in text_of(browser, "request-history")
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

        # MUT 3: VR13's page shows the offer by itself; the operational leader accepts it
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


def test_admin_extends_the_catalogue_and_a_region_registers_and_imports_lines(server, browser, second_browser):
    # MUT: the administrator adds a type to the catalogue
    login(browser, server, "admin")
    browser.find_element(By.ID, "nav-capacity-types").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "type-form")))
    browser.find_element(By.ID, "type-code").send_keys("blusboot")
    browser.find_element(By.ID, "type-nl").send_keys("Blusboot")
    browser.find_element(By.ID, "type-en").send_keys("Fireboat")
    Select(browser.find_element(By.ID, "type-category")).select_by_value("brandweer")
    browser.find_element(By.ID, "type-add").click()
    WebDriverWait(browser, 20).until(lambda d: "blusboot" in text_of(d, "capacity-types"))
    screenshot(browser, "84-capacity-catalogue", "type-form")

    # MUT: VR17 registers a fireboat at its station, then imports two more lines from CSV
    login(second_browser, server, "im-vr17")
    second_browser.get(server + "/capacity#own-registry")
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "line-form")))
    second_browser.execute_script("document.querySelectorAll('#own-registry details').forEach(d => d.open = true)")
    Select(second_browser.find_element(By.ID, "line-type")).select_by_value("blusboot")
    second_browser.find_element(By.ID, "line-label").send_keys("Kazerne Maasboulevard")
    for field, value in (("line-count", "2"), ("line-longitude", "4.49"), ("line-latitude", "51.92")):
        element = second_browser.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    second_browser.find_element(By.ID, "line-add").click()
    WebDriverWait(second_browser, 20).until(lambda d: "Kazerne Maasboulevard" in text_of(d, "own-lines"))
    second_browser.execute_script("document.querySelectorAll('#own-registry details').forEach(d => d.open = true)")
    second_browser.find_element(By.ID, "import-csv").send_keys(
        "type,label,count,unavailable\naggregaat,Kazerne Maasboulevard,4,1\ndrone,Kazerne Maasboulevard,2,0\n")
    second_browser.find_element(By.ID, "import-submit").click()
    WebDriverWait(second_browser, 20).until(lambda d: "Drone" in text_of(d, "own-lines"))
    lines = text_of(second_browser, "own-lines")
    assert "Blusboot" in lines and "Aggregaat" in lines and "3 / 4" in lines
    screenshot(second_browser, "85-capacity-own-registry", "own-registry")

    # assert: a bad import names its row and changes nothing
    second_browser.execute_script("document.querySelectorAll('#own-registry details').forEach(d => d.open = true)")
    second_browser.find_element(By.ID, "import-csv").send_keys("type,label,count\nraket,X,1\n")
    second_browser.find_element(By.ID, "import-submit").click()
    WebDriverWait(second_browser, 20).until(lambda d: "regel 2: onbekend type ‘raket’" in d.page_source)
    second_browser.get(server + "/capacity")
    assert "X" not in [cell.text for cell in second_browser.find_elements(By.CSS_SELECTOR, "#own-lines td")]
