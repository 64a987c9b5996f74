"""The report to the councils (art. 40 Wvr): the voorzitter records a decision with its reason and the
consultation of a council on it, opens the draft report of the demo incident and its PDF."""
import pathlib
import subprocess
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from e2e_support import SCREENSHOTS, login, screenshot, open_form, wait
from test_sitrap import fetch_as

DECISION = "Dijkbewaking verdubbelen langs de Amsteldijk"
REASON = "De waterstand stijgt sneller dan verwacht"
POSITION = "De raad van Ouder-Amstel steunt de extra bewaking"


def test_voorzitter_records_a_consultation_and_opens_the_report_and_its_pdf(server, browser):
    # setup: the voorzitter opens the demo incident and records a decision with its reason
    login(browser, server, "voorzitter-vr13")
    browser.get(server + "/incidents")
    browser.find_element(By.LINK_TEXT, "Hoogwater Amstel bij Ouderkerk").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "decision-form")))
    open_form(browser, "decision-form")
    browser.find_element(By.ID, "decision-text").send_keys(DECISION)
    browser.find_element(By.ID, "decision-by").send_keys("Voorzitter veiligheidsregio")
    browser.find_element(By.ID, "decision-reason").send_keys(REASON)
    browser.find_element(By.CSS_SELECTOR, "#decision-form button[type=submit]").click()
    decision = f"//section[@id='decisions']//li[contains(., '{DECISION}')]"
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.XPATH, decision)))

    # MUT: record on that decision that the council of Ouder-Amstel was consulted (the affected councils are ticked).
    # The decision's own live event may redraw the list while the form is filled: then fill it again in the new list.
    def consult(driver):
        item = driver.find_element(By.XPATH, decision)
        details = item.find_element(By.CSS_SELECTOR, "details.consultation")
        if details.get_attribute("open") is None:
            details.find_element(By.TAG_NAME, "summary").click()
        form = details.find_element(By.TAG_NAME, "form")
        for box in form.find_elements(By.CSS_SELECTOR, "input[name='councils[]']"):
            if box.is_selected() != (box.get_attribute("value") == "GM0437"):
                box.click()
        position = form.find_element(By.CSS_SELECTOR, "textarea[name=position]")
        position.clear()
        position.send_keys(POSITION)
        screenshot(browser, "94-consultation-form", "decisions")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        return True
    wait(browser, consult)
    wait(browser, lambda d: "Raad van Ouder-Amstel geraadpleegd op" in d.find_element(By.ID, "decisions").text)

    # assert: the report page, linked from the incident, lists the decision with its reason and the consultation
    browser.find_element(By.ID, "council-report-link").click()
    report = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "council-report")))
    assert browser.find_element(By.ID, "report-heading").text.startswith("Verslag aan de gemeenteraden (art. 40 Wvr)")
    assert "Aan de raden van:" in browser.find_element(By.ID, "report-address").text
    decisions = browser.find_element(By.ID, "report-decisions").text
    assert DECISION in decisions and f"Motivering: {REASON}" in decisions and POSITION in decisions
    assert "Anne Jansen" in report.text and "voorzitter-vr13" not in report.text
    screenshot(browser, "95-council-report")
    browser.set_window_size(390, 844)
    screenshot(browser, "96-council-report-phone")
    browser.set_window_size(1280, 1000)

    content_type, pdf = fetch_as(browser, browser.find_element(By.ID, "report-pdf").get_attribute("href"))
    assert content_type == "application/pdf"
    assert pdf.startswith(b"%PDF-")
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "verslag.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "Verslag aan de gemeenteraden" in text and DECISION in text and "Raad van Ouder-Amstel" in text
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(SCREENSHOTS / "97-council-report-pdf")], check=True)
    assert (SCREENSHOTS / "97-council-report-pdf.png").stat().st_size > 10_000
