"""Need-to-know in the browser: a standby partner's monitoring list, admission by the IM, disconnection."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import login, screenshot
from test_incident import open_new_incident


def monitoring_row(driver, incident_id):
    rows = driver.find_elements(By.CSS_SELECTOR, f'#monitoring-table tr[data-incident="{incident_id}"]')
    return rows[0] if rows else None


def test_standby_partner_sees_list_then_picture_after_admission(server, browser, second_browser):
    # setup: the IM opens an incident with an entry the standby partner may not yet see
    incident_url = open_new_incident(browser, server, "im-vr13", "Uitval drinkwater Diemen")
    incident_id = incident_url.rstrip("/").split("/")[-1]
    browser.find_element(By.ID, "entry-text").send_keys("Opvanglocatie sporthal De Brink nodig")
    browser.find_element(By.ID, "entry-source").send_keys("Bevolkingszorg")
    browser.find_element(By.ID, "entry-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "Opvanglocatie sporthal" in d.find_element(By.ID, "picture").text)

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
    assert "not linked" in main and "Opvanglocatie" not in main
    screenshot(second_browser, "31-standby-picture-refused")

    # MUT 2: the IM links the Red Cross (standby: monitoring) and then admits it to look along
    browser.get(incident_url)
    Select(browser.find_element(By.ID, "link-organisation")).select_by_value("RODEKRUIS")
    browser.find_element(By.ID, "link-purpose").send_keys("Opvang en verzorging van inwoners")
    browser.find_element(By.ID, "link-submit").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "admit-RODEKRUIS")))
    screenshot(browser, "32-im-linked-standby-partner", "access")
    browser.find_element(By.ID, "admit-RODEKRUIS").click()
    WebDriverWait(browser, 10).until(lambda d: not d.find_elements(By.ID, "admit-RODEKRUIS"))

    # the monitoring list now offers the picture, and the picture shows the entry
    second_browser.get(server + "/monitoring")
    WebDriverWait(second_browser, 10).until(
        lambda d: monitoring_row(d, incident_id) is not None
        and monitoring_row(d, incident_id).find_elements(By.CSS_SELECTOR, "a.open-picture"))
    screenshot(second_browser, "33-standby-monitoring-admitted")
    monitoring_row(second_browser, incident_id).find_element(By.CSS_SELECTOR, "a.open-picture").click()
    WebDriverWait(second_browser, 10).until(EC.presence_of_element_located((By.ID, "picture")))
    assert "Opvanglocatie sporthal De Brink nodig" in second_browser.find_element(By.ID, "picture").text
    assert not second_browser.find_elements(By.ID, "entry-form"), "standby partners read along but do not write"
    screenshot(second_browser, "34-standby-sees-picture")

    # MUT 3: the IM disconnects; the partner's open page loses the picture at once
    browser.find_element(By.ID, "disconnect-RODEKRUIS").click()
    WebDriverWait(second_browser, 10).until(lambda d: not d.find_elements(By.ID, "picture"))
    assert "was ended" in second_browser.find_element(By.TAG_NAME, "main").text
    screenshot(second_browser, "35-standby-disconnected")


def test_chair_breaks_glass_and_im_is_notified(server, browser, second_browser):
    incident_url = open_new_incident(browser, server, "voorzitter-vr13", "Dreiging vitale infrastructuur")
    browser.find_element(By.CSS_SELECTOR, "details.break-glass > summary").click()
    Select(browser.find_element(By.ID, "glass-organisation")).select_by_value("JENV")
    browser.find_element(By.ID, "glass-reason").send_keys("NCTV beoordeelt de dreiging")
    browser.find_element(By.ID, "glass-submit").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".break-glass-banner")))

    login(second_browser, server, "im-vr13")
    second_browser.get(incident_url)
    banner = second_browser.find_element(By.CSS_SELECTOR, ".break-glass-banner").text
    assert "JENV" in banner and "NCTV beoordeelt de dreiging" in banner
    assert "Glas gebroken" in second_browser.find_element(By.ID, "logbook").text
    screenshot(second_browser, "36-im-sees-broken-glass")

    browser.get(server + "/access-report")
    assert "access.break-glass" in browser.find_element(By.ID, "access-report").text
    screenshot(browser, "37-access-report")


def test_partner_acknowledges_alert_and_im_sees_it(server, browser, second_browser):
    incident_url = open_new_incident(browser, server, "im-vr13", "Grote uitslaande brand Zuidas")
    # MUT: scaling up to GRIP 2 alerts the Red Cross (its rule: every category from GRIP 2 in its regions)
    Select(browser.find_element(By.ID, "scaling-grip")).select_by_value("2")
    browser.find_element(By.ID, "scaling-reason").send_keys("Veel bewoners geëvacueerd")
    browser.find_element(By.ID, "scaling-submit").click()
    WebDriverWait(browser, 10).until(lambda d: "RODEKRUIS" in d.find_element(By.ID, "access").text)

    login(second_browser, server, "rodekruis")
    second_browser.get(server + "/monitoring")
    alert = second_browser.find_element(By.CSS_SELECTOR, "#alerts li.alert.open")
    assert "Grote uitslaande brand Zuidas" in alert.text and "GRIP 2" in alert.text
    screenshot(second_browser, "38-partner-alert")
    alert.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(second_browser, 10).until(
        lambda d: "bevestigd door rodekruis" in d.find_element(By.ID, "alerts").text)

    browser.get(incident_url)
    assert "bevestigd door rodekruis" in browser.find_element(By.ID, "incident-alerts").text
    screenshot(browser, "39-im-sees-acknowledged-alert", "access")
