"""The national partner overview: filters, CSV link, and who may see it."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import login, screenshot


def partner_codes(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#partner-table tr.partner-row'), r => r.dataset.partner)")


def test_overview_filters_and_csv(server, browser):
    login(browser, server, "im-vr13")
    browser.find_element(By.ID, "nav-partners").click()
    assert "RWS" in partner_codes(browser)
    # Each agreement says whether it is in effect: Vitens (supra-regional) after its toetsing, Schiphol not yet.
    vitens = browser.find_element(By.CSS_SELECTOR, "tr.partner-row[data-partner='VITENS'] td.in-effect")
    assert vitens.text == "Van kracht (gecertificeerd)"
    schiphol = browser.find_element(By.CSS_SELECTOR, "tr.partner-row[data-partner='SCHIPHOL'] td.not-in-effect")
    assert schiphol.text == "Niet van kracht: verkenning"
    screenshot(browser, "20-partner-overview")

    Select(browser.find_element(By.ID, "filter-profile")).select_by_value("standby-samenwerking")
    Select(browser.find_element(By.ID, "filter-region")).select_by_value("VR13")
    browser.find_element(By.ID, "filter-submit").click()
    WebDriverWait(browser, 10).until(lambda d: sorted(partner_codes(d)) == ["DEFENSIE", "KNMI", "RODEKRUIS"])
    csv = browser.find_element(By.ID, "overview-csv").get_attribute("href")
    assert "format=csv" in csv and "profile=standby-samenwerking" in csv and "region=VR13" in csv
    screenshot(browser, "21-partner-overview-standby-vr13")


def test_adoptieregio_records_an_evaluation(server, browser):
    """The Red Cross's yearly evaluation with its adoptieregio VR13 falls due; the IM records it on the partner's page."""
    login(browser, server, "im-vr13")
    deadlines = browser.find_element(By.ID, "home-partner-deadlines")
    assert "Nederlandse Rode Kruis" in deadlines.text and "Evaluatiemoment op" in deadlines.text
    browser.find_element(By.ID, "nav-partners").click()
    browser.find_element(By.LINK_TEXT, "Nederlandse Rode Kruis").click()
    card = browser.find_element(By.ID, "agreement-0")
    assert "Van kracht (gecertificeerd)" in card.text
    card.find_element(By.CSS_SELECTOR, "details.action-toggle summary").click()
    Select(browser.find_element(By.ID, "evaluation-0-outcome")).select_by_value("voortzetten")
    browser.find_element(By.ID, "evaluation-0-VR17").click()
    browser.find_element(By.ID, "evaluation-0-notes").send_keys("Opvang bij ontruiming goed afgestemd")
    browser.find_element(By.ID, "evaluation-0-submit").click()
    WebDriverWait(browser, 10).until(
        lambda d: "Opvang bij ontruiming goed afgestemd" in d.find_element(By.CSS_SELECTOR, "#agreement-0 .evaluation-history").text)
    history = browser.find_element(By.CSS_SELECTOR, "#agreement-0 .evaluation-history").text
    assert "Voortzetten" in history and "VR13, VR17" in history and "Sanne de Vries" in history
    screenshot(browser, "22-partner-evaluation-recorded")


def test_partner_user_has_no_overview(server, browser):
    login(browser, server, "rws")
    assert not browser.find_elements(By.ID, "nav-partners")
    browser.get(server + "/partners")
    assert "voor de regio's en het landelijk knooppunt" in browser.find_element(By.TAG_NAME, "main").text
