"""Situation reports in the browser: issue a SitRap of the demo incident and open its PDF."""
import subprocess
import tempfile
import pathlib
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from e2e_support import SCREENSHOTS, login, screenshot, wait


def fetch_as(driver, url):
    """GETs `url` with the browser's session cookie, as opening the link would."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.headers.get("Content-Type"), response.read()


def test_issue_sitrap_and_open_its_pdf(server, browser):
    # setup: the IM opens the demo incident's SitRap page from the incident page
    login(browser, server, "im-vr13")
    browser.get(server + "/incidents")
    browser.find_element(By.LINK_TEXT, "Hoogwater Amstel bij Ouderkerk").click()
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable((By.ID, "sitraps-link"))).click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "sitrap-form")))
    screenshot(browser, "59-sitrap-form", "sitrap-form")

    # MUT: issue a SitRap with unverified entries marked and an own summary
    Select(browser.find_element(By.ID, "sitrap-unverified")).select_by_value("mark")
    browser.find_element(By.ID, "sitrap-summary").send_keys("Dijkbewaking loopt; evacuatie Ouderkerk voorbereid.")
    browser.find_element(By.ID, "sitrap-issue").click()
    heading = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "sitrap-heading")))

    # assert: the report page shows number, summary, themes and the map; the PDF is a readable document
    assert heading.text.startswith("SitRap 2"), "the demo comes with SitRap 1"
    assert "Dijkbewaking loopt" in browser.find_element(By.ID, "sitrap-summary").text
    assert browser.find_elements(By.CSS_SELECTOR, ".sitrap-map svg path"), "the map is drawn"
    assert browser.find_elements(By.CSS_SELECTOR, ".sitrap-theme li"), "entries are listed per theme"
    screenshot(browser, "60-sitrap-page")

    content_type, pdf = fetch_as(browser, browser.find_element(By.ID, "sitrap-pdf").get_attribute("href"))
    assert content_type == "application/pdf"
    assert pdf.startswith(b"%PDF-")
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "sitrap.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "SitRap 2" in text and "Dijkbewaking loopt" in text
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(SCREENSHOTS / "61-sitrap-pdf")], check=True)
    assert (SCREENSHOTS / "61-sitrap-pdf.png").stat().st_size > 10_000

    # and the list shows it, with its formats
    browser.get(browser.current_url.rsplit("/", 1)[0])
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "sitrap-table")))
    assert "SitRap 2" in browser.find_element(By.ID, "sitrap-table").text
    screenshot(browser, "62-sitrap-list")


def test_publish_public_warning_and_read_it_without_login(server, browser, second_browser):
    # setup: the operational leader, who issues public warnings under the burgemeester of Amstelveen's
    # mandate (demo data, decision 0020), opens the demo incident's public-warning page
    login(browser, server, "ol-vr13")
    browser.get(server + "/incidents")
    browser.find_element(By.LINK_TEXT, "Hoogwater Amstel bij Ouderkerk").click()
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable((By.ID, "public-warnings-link"))).click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "warning-form")))

    # MUT: publish the handelingsperspectief in Dutch and English
    fields = {
        "warning-event-nl": "Hoogwater", "warning-event-en": "High water",
        "warning-headline-nl": "Hoogwater Amstel bij Ouderkerk", "warning-headline-en": "High water on the Amstel at Ouderkerk",
        "warning-instruction-nl": "Blijf uit de uiterwaarden en volg de aanwijzingen van de hulpdiensten.",
        "warning-instruction-en": "Keep out of the floodplains and follow the emergency services' directions.",
    }
    for element_id, value in fields.items():
        browser.find_element(By.ID, element_id).send_keys(value)
    screenshot(browser, "63-public-warning-form", "warning-form")
    browser.find_element(By.ID, "warning-publish").click()
    link = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#warning-list a")))
    page_url = link.get_attribute("href")

    # assert: anyone, without logging in, reads the same text on the public page and in the Atom feed
    second_browser.get(page_url)
    article = WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "public-warning")))
    assert "Blijf uit de uiterwaarden" in article.text
    assert "Keep out of the floodplains" in article.text
    screenshot(second_browser, "64-public-warning-page")
    with urllib.request.urlopen(server + "/cap/feed.xml", timeout=20) as response:
        feed = response.read().decode()
    assert "Hoogwater Amstel bij Ouderkerk" in feed
    assert "Blijf uit de uiterwaarden" in feed


def test_a_partners_own_liaison_supplies_its_sitrap_and_sees_only_its_own_lines(server, browser, second_browser):
    # setup: Waternet's own liaison (koppelsamenwerking; Waternet is linked to the demo incident) opens it
    login(browser, server, "liaison-waternet")
    browser.get(server + "/incidents")
    browser.find_element(By.LINK_TEXT, "Hoogwater Amstel bij Ouderkerk").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "picture")))
    picture = browser.find_element(By.ID, "picture").text
    # it reads what it supplied and whether the IM admitted it — not the region's lines, not the totaalbeeld
    assert "Gemaal Ouderkerk draait op volle capaciteit" in picture
    assert "wacht op toelating door de IM" in picture
    assert "Pompcapaciteit ingezet" not in browser.page_source
    assert "40 cm boven streefpeil en stijgend" not in browser.page_source
    screenshot(browser, "65a-liaison-reads-its-own-lines", "picture")
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable((By.ID, "sitraps-link"))).click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "partner-sitrap-form")))
    options = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#intake-partner option")]
    assert options == ["WATERNET"], "a liaison supplies for its own organisation only"

    # MUT: the liaison supplies Waternet's own SitRap
    browser.find_element(By.ID, "intake-situation").send_keys("Riool Amsteldijk Noord loopt over")
    browser.find_element(By.ID, "intake-needs").send_keys("Twee extra pompen")
    screenshot(browser, "65-partner-sitrap-form", "partner-sitrap-form")
    browser.find_element(By.ID, "intake-submit").click()

    # assert: it lands in Waternet's theme, marked via liaison, waiting for the IM
    wait(browser, lambda d: "Riool Amsteldijk Noord loopt over" in d.find_element(By.ID, "picture").text)
    picture = browser.find_element(By.ID, "picture").text
    assert "Behoeften / bijstand: Twee extra pompen" in picture
    assert "namens Waternet" in picture
    screenshot(browser, "66-partner-sitrap-in-picture", "picture")

    # the IM sees it waiting and admits it into the shared picture
    login(second_browser, server, "im-vr13")
    second_browser.get(browser.current_url.split("/sitraps")[0].split("#")[0])
    wait(second_browser, lambda d: "Riool Amsteldijk Noord loopt over" in d.find_element(By.ID, "picture").text)
    admitted = second_browser.execute_script(
        "const li = [...document.querySelectorAll('#picture li.entry')].find(e => e.innerText.includes('Riool Amsteldijk Noord'));"
        "const form = li && [...li.querySelectorAll('form')].find(f => f.action.endsWith('/admission'));"
        "if (!form) return false; form.querySelector('button').click(); return true;")
    assert admitted
    entry_text = ("const li = [...document.querySelectorAll('#picture li.entry')].find(e => e.innerText.includes('Riool Amsteldijk'));"
                  "return li ? li.innerText : ''")
    wait(second_browser, lambda d: "Gedeeld beeld" in d.execute_script(entry_text))
    browser.refresh()
    wait(browser, lambda d: "Gedeeld beeld" in d.execute_script(entry_text))
    assert "wacht op toelating" not in browser.execute_script(entry_text)
    screenshot(browser, "66a-liaison-sees-its-line-admitted", "picture")


def test_received_warnings_page(server, browser):
    # setup: a signed alert taken in through the API
    body = pathlib.Path(__file__).resolve().parents[3].joinpath("shared/interop/cap/valid/wmo--sc-valid.xml").read_bytes()
    import json
    login_request = urllib.request.Request(
        server + "/api/v1/session", data=json.dumps({"username": "im-vr13", "password": "demo"}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login_request, timeout=20) as response:
        token = json.loads(response.read())["token"]
    post = urllib.request.Request(server + "/api/v1/cap", data=body,
                                  headers={"Content-Type": "application/cap+xml", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(post, timeout=20) as response:
        assert response.status in (200, 201)

    # MUT: the IM opens the warnings page from the navigation
    login(browser, server, "im-vr13")
    browser.find_element(By.ID, "nav-warnings").click()
    table = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "warnings-table")))

    # assert: the alert is listed with its verified signature
    assert "Moderate to strong south-easterly winds over Aldabra area" in table.text
    assert "geverifieerd" in table.text
    screenshot(browser, "67-received-warnings")
