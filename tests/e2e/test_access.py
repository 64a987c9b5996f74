"""Need-to-know in the browser: a standby partner's monitoring list, admission by the IM, disconnection."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import login, screenshot, wait, open_form
from test_incident import open_new_incident


def text_of(driver, element_id):
    """The text of an element by id, read in one step: live pages replace their parts at any moment."""
    return driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e ? e.innerText : ''", element_id)


def click(driver, by, value):
    """Clicks an element of a live page, finding it again if the page replaced it meanwhile."""
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(by, value).click() or True)


def monitoring_row(driver, incident_id):
    rows = driver.find_elements(By.CSS_SELECTOR, f'#monitoring-table tr[data-incident="{incident_id}"]')
    return rows[0] if rows else None


def test_standby_partner_sees_list_then_picture_after_admission(server, browser, second_browser):
    # setup: the IM opens an incident with an entry the standby partner may not yet see
    incident_url = open_new_incident(browser, server, "im-vr13", "Uitval drinkwater Diemen")
    incident_id = incident_url.rstrip("/").split("/")[-1]
    open_form(browser, "entry-form")
    Select(browser.find_element(By.ID, "entry-theme")).select_by_value("bevolkingszorg")
    browser.find_element(By.ID, "entry-text").send_keys("Opvanglocatie sporthal De Brink nodig")
    browser.find_element(By.ID, "entry-source").send_keys("Bevolkingszorg")
    browser.find_element(By.ID, "entry-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "Opvanglocatie sporthal" in text_of(d, "picture"))

    # MUT 1: the Red Cross (standby) sees the incident in its monitoring list: title and GRIP, no details
    login(second_browser, server, "rodekruis")
    second_browser.find_element(By.ID, "nav-monitoring").click()
    WebDriverWait(second_browser, 10).until(lambda d: monitoring_row(d, incident_id) is not None)
    row = monitoring_row(second_browser, incident_id)
    assert "Uitval drinkwater Diemen" in row.text and "GRIP" in row.text
    assert not row.find_elements(By.CSS_SELECTOR, "a.open-picture")
    assert "Opvanglocatie" not in second_browser.page_source
    screenshot(second_browser, "30-standby-monitoring-list")

    # ... and opening the incident directly is refused with the policy's reason
    second_browser.get(incident_url)
    main = second_browser.find_element(By.TAG_NAME, "main").text
    assert "niet aan dit incident gekoppeld" in main and "Opvanglocatie" not in main
    screenshot(second_browser, "31-standby-picture-refused")

    # MUT 2: the IM links the Red Cross (standby: monitoring) and then admits it to look along
    browser.get(incident_url)
    Select(browser.find_element(By.ID, "link-organisation")).select_by_value("RODEKRUIS")
    browser.find_element(By.ID, "link-purpose").send_keys("Opvang en verzorging van inwoners")
    browser.find_element(By.ID, "link-submit").click()
    wait(browser, lambda d: d.find_elements(By.ID, "admit-RODEKRUIS"))
    screenshot(browser, "32-im-linked-standby-partner", "access")
    # it reads what the IM opens (decision 0027 §7): the IM opens the theme of bevolkingszorg
    # (choose and submit in one step: a live refresh of the list may redraw the form in between)
    wait(browser, lambda d: d.find_elements(By.ID, "read-scope-RODEKRUIS"))
    browser.execute_script("document.getElementById('read-scope-RODEKRUIS').value = 'themes:bevolkingszorg';"
                           "document.getElementById('admit-RODEKRUIS').click()")
    wait(browser, lambda d: "leest het totaalbeeld en bevolkingszorg" in text_of(d, "access"))

    # the monitoring list now offers the picture, and the picture shows the entry
    second_browser.get(server + "/monitoring")
    open_link = f'#monitoring-table tr[data-incident="{incident_id}"] a.open-picture'
    wait(second_browser, lambda d: d.find_elements(By.CSS_SELECTOR, open_link))
    screenshot(second_browser, "33-standby-monitoring-admitted")
    click(second_browser, By.CSS_SELECTOR, open_link)
    WebDriverWait(second_browser, 10).until(EC.presence_of_element_located((By.ID, "picture")))
    assert "Opvanglocatie sporthal De Brink nodig" in text_of(second_browser, "picture")
    assert not second_browser.find_elements(By.ID, "entry-form"), "standby partners read along but do not write"
    screenshot(second_browser, "34-standby-sees-picture")

    # MUT 3: the IM disconnects; the partner's open page loses the picture at once
    click(browser, By.ID, "disconnect-RODEKRUIS")
    wait(second_browser, lambda d: not d.find_elements(By.ID, "picture"))
    assert "is beëindigd" in second_browser.find_element(By.TAG_NAME, "main").text
    screenshot(second_browser, "35-standby-disconnected")


def test_chair_breaks_glass_and_im_is_notified(server, browser, second_browser):
    incident_url = open_new_incident(browser, server, "voorzitter-vr13", "Dreiging vitale infrastructuur")
    browser.find_element(By.CSS_SELECTOR, "details.break-glass > summary").click()
    Select(browser.find_element(By.ID, "glass-organisation")).select_by_value("JENV")
    browser.find_element(By.ID, "glass-reason").send_keys("NCTV beoordeelt de dreiging")
    browser.find_element(By.ID, "glass-submit").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".break-glass-banner"))

    login(second_browser, server, "im-vr13")
    second_browser.get(incident_url)
    banner = text_of(second_browser, "picture")
    assert "Glas gebroken:" in banner and "JENV" in banner and "NCTV beoordeelt de dreiging" in banner
    assert "Glas gebroken" in text_of(second_browser, "logbook")
    screenshot(second_browser, "36-im-sees-broken-glass")

    browser.get(server + "/access-report")
    assert "access.break-glass" in browser.find_element(By.ID, "access-report").text
    screenshot(browser, "37-access-report")


def test_partner_acknowledges_alert_and_im_sees_it(server, browser, second_browser):
    incident_url = open_new_incident(browser, server, "im-vr13", "Grote uitslaande brand Zuidas")
    # MUT: scaling up to GRIP 2 alerts the Red Cross (its rule: every category from GRIP 2 in its regions)
    open_form(browser, "scaling-form")
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("2")
    browser.find_element(By.ID, "scaling-reason").send_keys("Veel bewoners geëvacueerd")
    browser.find_element(By.ID, "scaling-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "Nederlandse Rode Kruis" in text_of(d, "access"))

    login(second_browser, server, "rodekruis")
    second_browser.get(server + "/monitoring")
    alerts = text_of(second_browser, "alerts")
    assert "Grote uitslaande brand Zuidas" in alerts and "GRIP 2" in alerts
    screenshot(second_browser, "38-partner-alert")
    click(second_browser, By.CSS_SELECTOR, "#alerts li.alert.open button")
    WebDriverWait(second_browser, 10).until(lambda d: "bevestigd door rodekruis" in text_of(d, "alerts"))

    browser.get(incident_url)
    assert "bevestigd door Milan Kok" in text_of(browser, "incident-alerts"), "the IM reads a name, not a username"
    screenshot(browser, "39-im-sees-acknowledged-alert", "access")



def test_the_region_records_an_ad_hoc_aansluiting_on_a_phone_and_only_the_detached_hin_enters(server, browser, second_browser):
    # setup: the IM's new incident on a 390 px phone
    from e2e_support import viewport, assert_accessible
    incident_url = open_new_incident(browser, server, "im-vr13", "Evacuatie buurthuis Ouderkerk")
    viewport(browser, 390, 844, mobile=True)
    browser.get(incident_url)

    # MUT: the IM records an ad-hoc-aansluiting for an organisation met for the first time
    open_form(browser, "ad-hoc-organisation")
    browser.find_element(By.ID, "ad-hoc-organisation").send_keys("BUURTHUIS-OK")
    browser.find_element(By.ID, "ad-hoc-name").send_keys("Buurthuis Ouderkerk")
    browser.find_element(By.ID, "ad-hoc-purpose").send_keys("Opvang buurtbewoners")
    browser.find_element(By.ID, "ad-hoc-conditions").send_keys("Alleen aantallen opgevangen bewoners; eindigt met de opvang")
    browser.execute_script(
        "document.getElementById('ad-hoc-hin').value = 'hin-gedetacheerd-vr13';"
        "document.getElementById('ad-hoc-submit').click();")

    # assert: the access list names the partner, its conditions and the detached HIN by name
    wait(browser, lambda d: "Buurthuis Ouderkerk" in text_of(d, "access") and "Voorwaarden:" in text_of(d, "access"))
    access = text_of(browser, "access")
    assert "Ad-hoc-aansluiting" in access
    assert "Gedetacheerde HIN: Joost Visser" in access
    assert "Alleen aantallen opgevangen bewoners" in access
    browser.execute_script("document.getElementById('access').scrollIntoView()")
    screenshot(browser, "32a-ad-hoc-aansluiting-phone", "access")
    assert_accessible(browser, "incident page with an ad-hoc-aansluiting")

    # the detached HIN enters for the partner: marked via the region's HIN
    login(second_browser, server, "hin-gedetacheerd-vr13")
    second_browser.get(incident_url)
    open_form(second_browser, "entry-form")
    options = [o.get_attribute("value") for o in second_browser.find_elements(By.CSS_SELECTOR, "#entry-on-behalf option")]
    assert "BUURTHUIS-OK" in options
    second_browser.execute_script("document.getElementById('entry-on-behalf').value = 'BUURTHUIS-OK';")
    second_browser.find_element(By.ID, "entry-text").send_keys("31 bewoners opgevangen")
    second_browser.find_element(By.ID, "entry-source").send_keys("Beheerder buurthuis")
    second_browser.find_element(By.ID, "entry-submit").click()
    wait(second_browser, lambda d: "31 bewoners opgevangen" in text_of(d, "picture"))
    assert "namens Buurthuis Ouderkerk" in text_of(second_browser, "picture")
    screenshot(second_browser, "32b-entered-by-detached-hin", "picture")


def test_a_kern_partner_brings_in_a_standby_partner_under_its_own_mandate(server, browser, second_browser):
    # setup: the IM's new incident, with Rijkswaterstaat (kern) linked through the API
    import datetime
    from test_incident import api
    incident_url = open_new_incident(browser, server, "im-vr13", "Dijkverzakking Ouderkerk")
    incident = incident_url.rstrip("/").split("/")[-1]
    _, session = api(server, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})
    until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, _ = api(server, "POST", f"/api/v1/incidents/{incident}/access",
                    {"organisation": "RWS", "purpose": "Dijkbewaking", "until": until}, token=session["token"])
    assert status == 201

    # MUT: Rijkswaterstaat, on a phone, brings in the Red Cross (standby) through its own process
    from e2e_support import viewport
    login(second_browser, server, "rws")
    viewport(second_browser, 390, 844, mobile=True)
    second_browser.get(incident_url)
    open_form(second_browser, "bring-in-organisation")
    options = [o.get_attribute("value") for o in second_browser.find_elements(By.CSS_SELECTOR, "#bring-in-organisation option")]
    assert "RODEKRUIS" in options
    second_browser.find_element(By.ID, "bring-in-purpose").send_keys("Opvang langs de dijk")
    screenshot(second_browser, "32c-kern-partner-brings-in-standby", "bring-in")
    second_browser.execute_script(
        "document.getElementById('bring-in-organisation').value = 'RODEKRUIS';"
        "document.getElementById('bring-in-submit').click();")
    wait(second_browser, lambda d: "RODEKRUIS" not in [
        o.get_attribute("value") for o in d.find_elements(By.CSS_SELECTOR, "#bring-in-organisation option")])

    # assert: the region's access list names the Red Cross as brought in under Rijkswaterstaat's mandate
    browser.get(incident_url)
    wait(browser, lambda d: "Nederlandse Rode Kruis" in text_of(d, "access"))
    row = browser.find_element(By.CSS_SELECTOR, '#access tr[data-organisation="RODEKRUIS"]').text
    assert "onder mandaat van Rijkswaterstaat" in row
