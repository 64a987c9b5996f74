"""Role homes (decision 0023): TenneT asks for access to a fire in its area, the IM of VR13 grants it from
their home, and TenneT then reads the incident. The IM's home at 1440×900, the partner's at 390×844."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from e2e_support import login, screenshot, viewport, wait


def test_tennet_asks_access_and_the_im_grants_it(server, browser, second_browser):
    # setup: the IM opens a fire in VR13; TenneT watches fires there but is not linked
    login(browser, server, "im-vr13")
    browser.get(server + "/incidents")
    browser.find_element(By.ID, "incident-title").send_keys("Brand bij onderstation Diemen")
    Select(browser.find_element(By.ID, "incident-category")).select_by_value("brand")
    browser.find_element(By.ID, "create-incident").click()
    wait(browser, EC.presence_of_element_located((By.ID, "timeline")))
    incident_id = browser.current_url.rstrip("/").split("/")[-1]

    viewport(second_browser, 390, 844, mobile=True)
    login(second_browser, server, "tennet")
    item = wait(second_browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, f'#home-askable li[data-incident="{incident_id}"]')))
    assert "Brand bij onderstation" not in item.text, "only the minimal fact before access"
    no_scroll = second_browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert no_scroll, "the partner's home fits a 390 px phone"

    # MUT: TenneT asks with a reason
    item.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Onderstation naast de brand")
    item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(second_browser, lambda d: "wacht op de informatiemanager" in d.find_element(By.ID, "home-askable").text)
    screenshot(second_browser, "homes-01-partner-390", "home-askable")

    # the IM's incident page lists the request in its access section too
    viewport(browser, 1440, 900)
    browser.get(f"{server}/incidents/{incident_id}")
    listed = wait(browser, lambda d: d.find_element(By.ID, "incident-access-requests"))
    assert "TenneT" in listed.text and "Onderstation naast de brand" in listed.text

    # the IM's home shows the request; granting it from there
    browser.get(server + "/")
    request = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#home-access-requests li.access-request")))
    assert "TenneT" in request.text and "Onderstation naast de brand" in request.text
    assert browser.find_elements(By.CSS_SELECTOR, f'#home-incidents li[data-incident="{incident_id}"]')
    screenshot(browser, "homes-02-im-1440")
    request.find_element(By.CSS_SELECTOR, "button.grant-request").click()
    wait(browser, lambda d: not d.find_elements(By.ID, "home-access-requests"))

    # validate: TenneT now has the incident among its linked ones and reads it
    second_browser.get(server + "/")
    linked = wait(second_browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, f'#home-incidents li[data-incident="{incident_id}"] a')))
    assert "Brand bij onderstation Diemen" in linked.text
    screenshot(second_browser, "homes-03-partner-linked-390")
    linked.click()
    wait(second_browser, EC.presence_of_element_located((By.ID, "picture")))
