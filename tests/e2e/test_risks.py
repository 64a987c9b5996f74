"""The regional risk profile (decision 0028): the risk advisor's home, the profile with its risk diagram, a risk
recorded and adopted through the forms, the profiles side by side, and the profile on a phone."""
import datetime
import urllib.request

from selenium.webdriver.common.by import By

from e2e_support import assert_accessible, login, screenshot, viewport, wait


def text_of(driver, element_id):
    return driver.execute_script(f"const e = document.getElementById('{element_id}'); return e ? e.textContent : ''")


def submit(driver, form_id, fields):
    """Fills and sends a form in one script call, as a person would in one go."""
    driver.execute_script(
        """const form = document.getElementById(arguments[0]);
           for (const [name, value] of Object.entries(arguments[1])) {
             const field = form.elements[name];
             if (Array.isArray(value)) {
               for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = value.includes(box.value);
             } else if (field.type === 'checkbox') field.checked = value === 'true'; else field.value = value;
           }
           form.requestSubmit();""", form_id, fields)


def test_risk_advisor_keeps_the_profile(server, browser):
    # setup: the risk advisor of VR13 signs in; her home says what needs review
    login(browser, server, "risicoadviseur-vr13")
    home = text_of(browser, "home-risks")
    assert "te herzien" in home and "Verstoring drinkwatervoorziening" in home, home
    assert "Zorgrisicoprofiel GHOR Amsterdam-Amstelland" in text_of(browser, "home-plan-reviews"), "a plan past its review"
    screenshot(browser, "40-home-risk-advisor", element_id="home-risks")

    # MUT: she opens the profile
    browser.find_element(By.ID, "home-risk-profile").click()
    wait(browser, lambda d: "Risicoprofiel Amsterdam-Amstelland" in d.find_element(By.TAG_NAME, "h1").text)

    # validate: the status line, the review that has come, the diagram with the risks in their cells
    assert "4 risico's in het risicoprofiel, 1 in het zorgrisicoprofiel" in text_of(browser, "risk-status")
    assert "Verstoring drinkwatervoorziening" in text_of(browser, "risks-due")
    storm_cell = browser.execute_script(
        "const a = [...document.querySelectorAll('#risk-matrix a')].find(a => a.title === 'Zeer zware storm');"
        "return a ? a.closest('td').cellIndex : -1")
    assert storm_cell == 4, "likelihood D is the fourth column after the row heading"
    assert_accessible(browser, "the risk profile")
    screenshot(browser, "41-risk-profile")

    # MUT: she records a new risk through the form, then the bestuur's adoption of it
    browser.execute_script("document.querySelector('#risk-forms details').open = true")
    submit(browser, "risk-form", {
        "title": "Uitval drinkwater Amstelveen", "scenario": "Een leidingbreuk laat 40.000 inwoners zonder drinkwater.",
        "likelihood": "C", "impact-fysieke-veiligheid": "C", "impact-sociale-politieke-stabiliteit": "B",
        "capacities": "Noodwater; Informatiepunten", "owner": "Risicoadviseur VR13", "reviewOn": "2028-06-30"})
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Uitval drinkwater Amstelveen")
    assert "Niet vastgesteld" in text_of(browser, "risk-state")
    browser.execute_script("document.querySelector('#risk-forms details').open = true")
    # The bestuur adopted it three weeks ago: an adoption is recorded once it is taken.
    adopted = datetime.date.today() - datetime.timedelta(days=21)
    submit(browser, "risk-change-form", {"adoptedBy": "Algemeen bestuur Veiligheidsregio Amsterdam-Amstelland", "adoptedOn": adopted.isoformat()})

    # validate: the adoption is recorded with its version; the history keeps both versions, newest first
    wait(browser, lambda d: "Vastgesteld door Algemeen bestuur" in text_of(d, "risk-state"))
    assert adopted.strftime("%d-%m-%Y") in text_of(browser, "risk-adoptions") and "Femke de Wit" in text_of(browser, "risk-adoptions")
    history = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#risk-history li")]
    assert history[0].startswith("Vaststelling vastgelegd") and history[1].startswith("Opgenomen"), history
    screenshot(browser, "42-risk-adopted")

    # validate: the profiles side by side show what the regions share, with each region's classes
    browser.get(server + "/risicoprofiel/landelijk")
    rows = browser.execute_script("return [...document.querySelectorAll('#national-risks tbody tr')].map(r => r.textContent)")
    storm = next(row for row in rows if row.startswith("Zeer zware storm"))
    assert "gedeeld" in storm and "VR12" in storm and "VR13" in storm, rows
    assert all("gedeeld" in row for row in rows[:3]), "shared risks first"
    assert any("Uitval drinkwater Amstelveen" in row for row in rows)
    screenshot(browser, "43-risk-profiles-side-by-side")


def test_risk_profile_on_a_phone_for_the_im(server, browser):
    # setup: the IM reads the profile on a phone; she does not keep it
    login(browser, server, "im-vr13")
    viewport(browser, 390, 844, mobile=True)
    browser.get(server + "/risicoprofiel")

    # validate: the diagram fits within the screen, and no forms are offered to a reader
    wait(browser, lambda d: d.find_elements(By.ID, "risk-matrix"))
    width = browser.execute_script("return document.getElementById('risk-matrix').getBoundingClientRect().right")
    assert width <= 390, f"the diagram ends at {width} px"
    assert not browser.find_elements(By.ID, "risk-forms")
    screenshot(browser, "44-risk-profile-phone", element_id="risk-diagram")


def test_plans_register(server, browser):
    # setup: the risk advisor opens the plans register
    login(browser, server, "risicoadviseur-vr13")
    browser.get(server + "/plannen")

    # validate: reviews past and near first; the coordination plan is attached to the demo incident and its risk picture
    review = text_of(browser, "plans-review")
    assert "Zorgrisicoprofiel GHOR Amsterdam-Amstelland" in review and "Regionaal crisisplan 2025–2028" in review, review
    assert_accessible(browser, "the plans register")
    screenshot(browser, "50-plans-register")
    browser.find_element(By.LINK_TEXT, "Coördinatieplan hoogwater Amstel").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Coördinatieplan hoogwater Amstel")
    assert "Overstroming regionale wateren" in browser.find_element(By.TAG_NAME, "main").text


def test_voorzitter_publishes_risk_information(server, browser):
    # setup: the voorzitter of VR13 opens the flood risk of the profile
    login(browser, server, "voorzitter-vr13")
    browser.get(server + "/risicoprofiel")
    browser.execute_script("[...document.querySelectorAll('#risk-table a')].find(a => a.textContent === 'Overstroming regionale wateren').click()")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Overstroming regionale wateren")

    # MUT: she publishes public risk information in Dutch and English
    browser.execute_script("document.querySelector('#risk-communication details').open = true")
    submit(browser, "communication-form", {
        "event_nl": "Hoogwater", "event_en": "High water",
        "headline_nl": "Bereid u voor op hoogwater langs de Amstel", "headline_en": "Prepare for high water along the Amstel",
        "instruction_nl": "Zorg voor een noodpakket en weet waar u heen kunt.", "instruction_en": "Keep an emergency kit and know where to go.",
        "urgency": "Future"})

    # validate: it is listed on the risk, and its public page and the feed carry it
    wait(browser, lambda d: "Bereid u voor op hoogwater langs de Amstel" in text_of(d, "risk-communication"))
    screenshot(browser, "51-risk-communication", element_id="risk-communication")
    browser.find_element(By.LINK_TEXT, "Bereid u voor op hoogwater langs de Amstel").click()
    wait(browser, lambda d: "Zorg voor een noodpakket" in d.find_element(By.TAG_NAME, "main").text)
    with urllib.request.urlopen(server + "/cap/feed.xml", timeout=20) as response:
        assert "Bereid u voor op hoogwater langs de Amstel" in response.read().decode()

