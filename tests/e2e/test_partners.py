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


def test_toetser_advises_and_the_chair_takes_the_standpoint_on_a_phone(server, browser):
    """Decision 0027 §3: the toetser records the last part and the advice; the chair of the regiegroep takes
    the standpoint — two records by two people, each on a 390 px phone."""
    from e2e_support import open_form, wait
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        # setup: Alliander's joint exercise is under way, richting and inrichting recorded
        login(browser, server, "toetser")
        work = browser.find_element(By.ID, "home-toetsing")
        assert "Alliander" in work.text and "Onderdelen vastleggen" in work.text
        work.find_element(By.LINK_TEXT, "Alliander").click()
        wait(browser, lambda d: "Toetsing" in d.find_element(By.ID, "toetsing-0").text)

        # MUT: the toetser records the verrichting, then gives the advice
        open_form(browser, "toetsing-part-0-part")
        Select(browser.find_element(By.ID, "toetsing-part-0-part")).select_by_value("verrichting")
        browser.find_element(By.ID, "toetsing-part-0-finding").send_keys("Oefening Stroomnet: beeld storing compleet binnen 20 minuten")
        browser.find_element(By.ID, "toetsing-part-0-submit").click()
        wait(browser, lambda d: "Stroomnet" in d.find_element(By.ID, "toetsing-0").text)
        open_form(browser, "advice-0-outcome")
        Select(browser.find_element(By.ID, "advice-0-outcome")).select_by_value("voorwaardelijk")
        browser.find_element(By.ID, "advice-0-reasons").send_keys("AC nog niet benoemd; verder voldoende")
        browser.find_element(By.ID, "advice-0-submit").click()

        # validate: the advice is recorded with the toetser's name; the agreement is not in effect on it
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#toetsing-0 .toetsing-advice"))
        advice = browser.find_element(By.CSS_SELECTOR, "#toetsing-0 .toetsing-advice").text
        assert "Advies toetsingspartij: Voorwaardelijk" in advice and "Hanna Vermeulen" in advice
        assert "wacht op het standpunt" in browser.find_element(By.CSS_SELECTOR, "#agreement-0 .test-summary").text
        assert not browser.find_elements(By.ID, "standpoint-0-form"), "the toetser takes no standpoint"
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        screenshot(browser, "23-toetsing-advice-phone", element_id="toetsing-0")

        # MUT: the chair of the regiegroep finds it on the home page and departs from the advice
        browser.execute_script("document.getElementById('logout').click()")
        wait(browser, lambda d: d.find_elements(By.ID, "username"))
        login(browser, server, "voorzitter-regiegroep")
        work = browser.find_element(By.ID, "home-toetsing")
        assert "Alliander" in work.text and "Standpunt innemen" in work.text
        work.find_element(By.LINK_TEXT, "Alliander").click()
        open_form(browser, "standpoint-0-outcome")
        Select(browser.find_element(By.ID, "standpoint-0-outcome")).select_by_value("gecertificeerd")
        browser.find_element(By.ID, "standpoint-0-argumentation").send_keys("AC is inmiddels benoemd; regiegroep certificeert")
        browser.find_element(By.ID, "standpoint-0-submit").click()

        # validate: the standpoint stands beside the advice, says it departs from it and names the mandate
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#toetsing-0 .toetsing-standpoint"))
        standpoint = browser.find_element(By.CSS_SELECTOR, "#toetsing-0 .toetsing-standpoint").text
        assert "Standpunt regiegroep: Gecertificeerd" in standpoint and "wijkt af van het advies" in standpoint
        assert "Erik van Leeuwen" in standpoint and "Mandaat directeuren" in standpoint
        assert "Advies toetsingspartij: Voorwaardelijk" in browser.find_element(By.ID, "toetsing-0").text
        screenshot(browser, "24-toetsing-standpoint-phone", element_id="toetsing-0")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
