"""WCAG 2.1 AA on every page (issue 16, point 11): axe-core checks each page of the web UI, as each kind of user
sees it, at 1440×900 and the key pages at 390×844. Three real nodes: the regional nodes VR13 and VR12 and the
national node, trusting each other, so the national picture, a bundle and the fallback pages have something to show.
Also: a bad form input on a Dutch page gives a Dutch error text (issue 16, point 8)."""
import datetime
import re
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from e2e_support import assert_accessible, login, screenshot, viewport, wait
from test_fallback import wait_for
from test_federation import api, start_federation

FLOOD = "Hoogwater Amstel bij Ouderkerk"

@pytest.fixture(scope="module")
def nodes():
    """The national node kcr2 and the regional nodes vr13 and vr12 (all with the demo data), trusting each other."""
    urls, stop = start_federation({"vr13": "VR13", "vr12": "VR12"})
    yield urls
    stop()


class Visitor:
    """One user's browser session: opens pages, checks them with axe-core, remembers what it checked."""

    def __init__(self, driver, base):
        self.driver, self.base, self.seen = driver, base, set()

    def check(self, path, name=None, known=frozenset(), error=False):
        url = path if path.startswith("http") else self.base + path
        self.driver.get(url)
        wait(self.driver, lambda d: d.execute_script("return document.readyState") == "complete")
        heading = self.driver.find_element(By.TAG_NAME, "h1").text if self.driver.find_elements(By.TAG_NAME, "h1") else ""
        assert error == bool(re.match(r"^[45]\d\d ·", heading)), f"{path}: unexpected page '{heading}'"
        assert_accessible(self.driver, path, known)
        self.seen.add(urllib.parse.urlparse(url).path)
        if name:
            screenshot(self.driver, name)
        fits_a_phone(self.driver, path)

    def link(self, css):
        """The href of the first element matching `css` on the current page."""
        return wait(self.driver, EC.presence_of_element_located((By.CSS_SELECTOR, css))).get_attribute("href")

    def navigation(self):
        """Every page the header's navigation offers this user, checked too."""
        self.driver.get(self.base + "/")
        links = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, ".site-header nav a[id^=nav-]")]
        for href in links:
            path = urllib.parse.urlparse(href).path
            if path not in self.seen:
                self.check(path)


# What a thumb must hit: buttons, fields, the buttons that open forms and the header menu (not links in text).
TARGETS = ("main button, main select, main summary, main .button, .site-header nav a, .site-header button, "
           "main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range])")


def fits_a_phone(driver, path):
    """Issue 16 point 6: on a 360 px wide phone the page does not scroll sideways and every control it shows is at
    least 44 px high. Checks the page at 360 × 740 and puts the previous screen size back."""
    size = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    viewport(driver, 360, 740, mobile=True)
    try:
        driver.refresh()
        wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path}: {overflow} px wider than a 360 px phone"
        small = driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).filter(e => e.offsetParent !== null)"
            ".map(e => [e.getBoundingClientRect().height, (e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' ' + "
            "(e.textContent || e.name || '').trim().slice(0, 30)]).filter(([h]) => h < 43.5)", TARGETS)
        assert not small, f"{path}: controls under 44 px high on a phone: {small[:8]}"
    finally:
        viewport(driver, size[0], size[1], mobile=False)
        driver.refresh()


def tour(driver, base, username, pages=()):
    """Logs `username` in afresh and checks `pages` (paths, or (path, screenshot name)), then the user's menu."""
    driver.delete_all_cookies()
    visitor = Visitor(driver, base)
    login(driver, base, username)
    for page in pages:
        path, name = page if isinstance(page, tuple) else (page, None)
        visitor.check(path, name)
    visitor.navigation()
    return visitor


def flood_incident(visitor):
    visitor.driver.get(visitor.base + "/incidents")
    return urllib.parse.urlparse(visitor.driver.find_element(By.LINK_TEXT, FLOOD).get_attribute("href")).path


def test_pages_of_the_regional_node(nodes, browser):
    vr13 = nodes["vr13"]
    visitor = Visitor(browser, vr13)
    viewport(browser, 1440, 900)
    # not logged in: the login form and a Dutch 404
    visitor.check("/login")
    visitor.check("/bestaat-niet", error=True)
    assert "bestaat niet" in browser.find_element(By.ID, "error-message").text

    # the information manager: home, regions, incidents, the flood incident and all its pages
    login(browser, vr13, "im-vr13")
    visitor.check("/", "a11y-01-home-im")
    visitor.check("/regios")
    visitor.check("/incidents")
    incident = flood_incident(visitor)
    visitor.check(incident, "a11y-02-incident")
    past = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    visitor.check(f"{incident}?at={past}")  # the timeline's view of a moment
    visitor.check(incident + "/sitraps")
    visitor.check(visitor.link("#sitrap-table a"))
    visitor.check(incident + "/public-warnings", "a11y-03-public-warnings")
    visitor.check(incident + "/report")
    visitor.check("/capacity")
    visitor.check(visitor.link("a[href^='/assistance/']"), "a11y-04-assistance")
    visitor.navigation()
    # on a phone
    viewport(browser, 390, 844, mobile=True)
    visitor.check("/", "a11y-05-home-im-390")
    visitor.check(incident, "a11y-06-incident-390")
    visitor.check("/bestaat-niet", error=True)

    # in English: the home, and the 404 with the English text
    viewport(browser, 1440, 900)
    browser.get(vr13 + "/lang/en?next=/")
    visitor.check("/")
    visitor.check("/bestaat-niet", error=True)
    assert "no such resource" in browser.find_element(By.ID, "error-message").text
    browser.get(vr13 + "/lang/nl?next=/")

    # MUT: a bad form input on a Dutch page: the error page says it in Dutch
    browser.get(vr13 + incident + "/sitraps")
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form[action$='/sitrap-schedule']")))
    # (an interval of 5 minutes, which an older browser lets through the field's own minimum of 15)
    browser.execute_script("""
        const interval = document.getElementById('schedule-interval');
        interval.removeAttribute('min'); interval.value = '5';
        interval.form.querySelector('button[value=set]').click();""")
    message = wait(browser, EC.presence_of_element_located((By.ID, "error-message"))).text
    assert "controleer het veld ‘Elke (minuten)’" in message and "minutes" not in message, message
    assert_accessible(browser, "the error page after a bad form")
    screenshot(browser, "a11y-07-form-error-nl")


def test_pages_of_other_regional_roles(nodes, browser, second_browser):
    vr13 = nodes["vr13"]
    viewport(browser, 1440, 900)
    # the operational leader publishes a public warning (under the burgemeester's mandate), read by anyone
    ol = Visitor(browser, vr13)
    login(browser, vr13, "ol-vr13")
    incident = flood_incident(ol)
    browser.get(vr13 + incident + "/public-warnings")
    for element_id, value in {"warning-event-nl": "Hoogwater", "warning-event-en": "High water",
                              "warning-headline-nl": FLOOD, "warning-headline-en": "High water on the Amstel",
                              "warning-instruction-nl": "Blijf uit de uiterwaarden.",
                              "warning-instruction-en": "Keep out of the floodplains."}.items():
        browser.find_element(By.ID, element_id).send_keys(value)
    browser.find_element(By.ID, "warning-publish").click()
    page = ol.link("#warning-list a")
    assert "Waarschuwing" in browser.find_element(By.ID, "warning-list").text, "the CAP msgType in Dutch"
    ol.check(incident + "/public-warnings")
    ol.navigation()
    viewport(second_browser, 390, 844, mobile=True)
    anonymous = Visitor(second_browser, vr13)
    anonymous.check(page, "a11y-08-public-warning-390")
    assessment = second_browser.find_element(By.CSS_SELECTOR, "section[lang=nl] .warning-assessment").text
    assert "Ernstig" in assessment and "Severe" not in assessment, "CAP codes as Dutch words"

    # the voorzitter: home, bestuur, aanwijzingen, the council report
    tour(browser, vr13, "voorzitter-vr13", [("/", "a11y-09-home-voorzitter"), "/bestuur", "/aanwijzingen", incident + "/report",
                                            "/partners/RODEKRUIS"])
    # partners: TenneT and Rijkswaterstaat
    for username in ("tennet", "rws"):
        tour(browser, vr13, username, [("/", f"a11y-10-home-{username}"), "/monitoring"])
    # the administrator: capacity types, partners
    tour(browser, vr13, "admin", ["/", "/capacity/types", "/partners"])
    # the toetsing (decision 0027 §3): the toetser's forms on Alliander, the chair's on NS
    tour(browser, vr13, "toetser", ["/", "/partners/ALLIANDER"])
    tour(browser, vr13, "voorzitter-regiegroep", ["/", "/partners/NS"])


def test_pages_of_the_national_node(nodes, browser):
    national, vr12 = nodes["kcr2"], nodes["vr12"]
    viewport(browser, 1440, 900)
    # setup: an incident in VR12 as well, so the national node can bundle incidents of two regions
    im12 = api(vr12, "POST", "/api/v1/session", {"username": "im-vr12", "password": "demo"})["token"]
    api(vr12, "POST", "/api/v1/incidents", {"title": "Dijkval Spaarndam", "category": "overstroming", "grip": 2,
                                             "location": {"type": "Point", "coordinates": [4.68, 52.41]}}, im12)
    # the national analyst: the national picture with both regions' incidents, an incident's details and its SitRap
    analyst = Visitor(browser, national)
    login(browser, national, "analist-kcr2")
    wait_for(lambda: all(title in (browser.get(national + "/national") or browser.find_element(By.TAG_NAME, "main").text)
                         for title in (FLOOD, "Dijkval Spaarndam")),
             message="VR13's and VR12's incidents on the national picture")
    analyst.check("/", "a11y-11-home-national")
    analyst.check("/national", "a11y-12-national")
    analyst.check(wait(browser, EC.presence_of_element_located((By.PARTIAL_LINK_TEXT, FLOOD))).get_attribute("href"))
    analyst.check(analyst.link("a[href^='/national/sitraps/']"))
    # a bundle of the two regions' incidents, and its page
    browser.get(national + "/national")
    for box in browser.find_elements(By.CSS_SELECTOR, "#grouping-form input[type=checkbox]"):
        box.click()
    browser.find_element(By.ID, "grouping-name").send_keys("Hoogwater Noord-Holland")
    browser.find_element(By.ID, "grouping-create").click()
    wait(browser, lambda d: "/national/groupings/" in d.current_url)
    analyst.check(browser.current_url)
    analyst.check("/broker")
    analyst.check("/capacity")
    analyst.navigation()

    # the minister: aanwijzingen register and the bestuurlijk overzicht
    tour(browser, national, "minister-jenv", ["/", "/aanwijzingen", "/bestuur"])
    # the form to give an aanwijzing, opened, on a phone: accessible and no sideways scrolling
    viewport(browser, 390, 844, mobile=True)
    browser.get(national + "/aanwijzingen")
    browser.execute_script("document.querySelector('#give-aanwijzing summary').click()")
    wait(browser, EC.visibility_of_element_located((By.ID, "give-submit")))
    assert_accessible(browser, "the form to give an aanwijzing")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(browser, "a11y-12b-give-aanwijzing-390", element_id="give-aanwijzing")
    viewport(browser, 1440, 900)

    # VR13's emergency account: the fallback list and one incident's copy
    browser.delete_all_cookies()
    nood = Visitor(browser, national)
    token = api(national, "POST", "/api/v1/session", {"username": "nood-vr13", "password": "demo"})["token"]
    wait_for(lambda: api(national, "GET", "/api/v1/fallback/incidents", token=token), message="the fallback copies")
    browser.get(national + "/login")
    browser.find_element(By.ID, "username").send_keys("nood-vr13")
    browser.find_element(By.ID, "password").send_keys("demo")
    browser.find_element(By.ID, "login-submit").click()
    wait(browser, EC.presence_of_element_located((By.ID, "fallback-incidents")))
    nood.check("/fallback")
    nood.check(nood.link("#fallback-incidents a"), "a11y-13-fallback-incident")
    viewport(browser, 390, 844, mobile=True)
    nood.check("/fallback")
