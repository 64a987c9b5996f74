"""The information manager of VR13 logs in, opens the region map from the menu, and switches language."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import screenshot


def wait(driver, seconds=20):
    # the language switch reloads the page: an element read mid-reload is "not yet", not a failure
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def test_login_home_map_and_language(server, browser):
    # setup: an anonymous visit lands on the Dutch login form
    browser.get(server + "/")
    wait(browser).until(EC.url_contains("/login"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=username]").text == "Gebruikersnaam"
    screenshot(browser, "01-login-nl")

    # MUT: log in with the keyboard only
    username = browser.find_element(By.ID, "username")
    assert browser.switch_to.active_element == username, "the username field has focus on load"
    username.send_keys("im-vr13", Keys.TAB)
    browser.switch_to.active_element.send_keys("demo", Keys.ENTER)

    # validate: home page with organisation, role and the 25 regions drawn, VR13 highlighted
    organisation = wait(browser).until(EC.presence_of_element_located((By.ID, "organisation-name")))
    assert organisation.text == "Veiligheidsregio Amsterdam-Amstelland (VR13)"
    assert browser.find_element(By.ID, "role-name").text == "Informatiemanager"
    # the 25-region reference view is a menu item away (decision 0023)
    browser.find_element(By.ID, "nav-regions").click()
    wait(browser).until(lambda d: d.find_element(By.ID, "region-map").get_attribute("data-loaded") == "25")
    shapes = browser.find_elements(By.CSS_SELECTOR, "#region-map path.region-shape")
    assert len(shapes) == 25
    assert len(browser.find_elements(By.CSS_SELECTOR, '#region-map path[data-region="VR13"]')) == 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "#region-table tbody tr")) == 25
    screenshot(browser, "02-home-nl")

    # MUT: switch to English
    browser.find_element(By.ID, "language-switch").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert browser.find_element(By.ID, "map-title").text == "The 25 safety regions"
    assert browser.find_element(By.ID, "logout").text == "Log out"
    wait(browser).until(lambda d: d.find_element(By.ID, "region-map").get_attribute("data-loaded") == "25")
    screenshot(browser, "03-home-en")

    # and back to Dutch, then log out
    browser.find_element(By.ID, "language-switch").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl")
    browser.find_element(By.ID, "logout").click()
    wait(browser).until(EC.url_contains("/login"))


def test_wrong_password_shows_error(server, browser):
    browser.get(server + "/login")
    browser.find_element(By.ID, "username").send_keys("im-vr13")
    browser.find_element(By.ID, "password").send_keys("fout", Keys.ENTER)
    alert = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "onjuist wachtwoord" in alert.text
    assert "/login" in browser.current_url
    screenshot(browser, "04-login-failed")
