"""Meldkamer intake (issue 20, decision 0034): the calamiteitencoördinator of Meldkamer Amsterdam-Amstelland
replays New Year's Eve 2019 as an exercise; the proposals appear on the open page without a reload; the CaCo
makes an incident of one that holds several messages; the incident shows the messages as unverified entries of
the Meldkamer theme and the point on its map; the region's IM takes the theme over."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from e2e_support import login, open_form, screenshot, viewport, wait
from test_risk_pictures import api_token
from test_risks import text_of


def proposal_sizes(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#proposals article.proposal'),"
        " a => a.querySelectorAll('ol.messages > li').length)")


def entry_texts(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#picture .entry-text'), e => e.textContent)")


def test_replay_proposals_promote(server, browser):
    # setup: the CaCo opens the meldkamer page; nothing is proposed yet
    login(browser, server, "caco-amsterdam")
    browser.find_element(By.ID, "nav-meldkamer").click()
    wait(browser, lambda d: d.find_elements(By.ID, "meldkamer-status"))
    assert "Geen open voorstellen" in text_of(browser, "meldkamer-status")

    # MUT: start the replay of the whole night, 6000× faster, from the page
    open_form(browser, "replay-form")
    Select(browser.find_element(By.ID, "replay-speed")).select_by_value("6000")
    browser.find_element(By.ID, "replay-start").click()
    wait(browser, lambda d: d.find_elements(By.ID, "replay-status"))
    browser.execute_script("window.__notReloaded = true")

    # validate: proposals appear live, and one gathers several messages with the reason why
    wait(browser, lambda d: any(size >= 2 for size in proposal_sizes(d)), seconds=60)
    assert browser.execute_script("return window.__notReloaded === true"), "the page followed the stream without a reload"
    assert "open voorstel" in text_of(browser, "meldkamer-status")
    # read the card in one step: a live update may replace the list at any moment
    card_id, card_text, texts = browser.execute_script(
        "const a = Array.from(document.querySelectorAll('#proposals article.proposal'))"
        ".find(a => a.querySelectorAll('ol.messages > li').length >= 2);"
        " return [a.id, a.innerText, Array.from(a.querySelectorAll('ol.messages > li'), li => li.innerText)]")
    assert any("bij dit voorstel:" in text for text in texts[1:]), texts
    assert "Oefening" in card_text and "Amsterdam" in card_text
    screenshot(browser, "110-meldkamer-proposals", element_id="meldkamer-status")

    # the page on a phone
    viewport(browser, 390, 844, mobile=True)
    screenshot(browser, "111-meldkamer-proposals-phone", element_id="meldkamer-status")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling"
    viewport(browser, 1280, 1000)

    # MUT: the CaCo starts typing a reason to dismiss another proposal while messages keep coming in
    other_id = browser.execute_script(
        "return Array.from(document.querySelectorAll('#proposals article.proposal'), a => a.id).find(id => id !== arguments[0])",
        card_id).removeprefix("proposal-")
    wait(browser, lambda d: d.execute_script(
        "const d = document.getElementById(arguments[0]); if (d && !d.open) { d.open = true; d.scrollIntoView({block: 'center'}) }"
        " return !!d && d.open", f"more-{other_id}"))

    def typed(d):
        # A live update may replace the form while keys go in: type until the field on the page holds the text.
        d.execute_script("const e = document.getElementById(arguments[0]); if (e && !e.open) e.open = true", f"more-{other_id}")
        field = d.find_element(By.ID, f"reason-{other_id}")
        if field.get_attribute("value") != "Dubbele melding":
            field.clear()
            field.send_keys("Dubbele melding")
        return d.execute_script(
            "const f = document.getElementById(arguments[0]); return !!f && f.value === 'Dubbele melding' && document.activeElement === f",
            f"reason-{other_id}")
    wait(browser, typed)
    # a message comes in meanwhile (whether or not the replay still runs)
    post = urllib.request.Request(
        server + "/api/v1/meldkamer/messages", method="POST",
        data=b'{"text":"P 2 BAD-01 BR container , Damrak Amsterdam 13ASD","exercise":true}',
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_token(server, 'caco-amsterdam')}"})
    urllib.request.urlopen(post, timeout=30).close()
    # validate: updates wait while the reader types; the text stays
    wait(browser, lambda d: d.find_element(By.ID, "meldkamer-live").get_attribute("data-updates-waiting") == "true", seconds=30)
    assert browser.find_element(By.ID, f"reason-{other_id}").get_attribute("value") == "Dubbele melding"
    browser.find_element(By.ID, f"reason-{other_id}").clear()
    browser.execute_script("document.activeElement.blur()")
    wait(browser, lambda d: d.find_element(By.ID, "meldkamer-live").get_attribute("data-updates-waiting") is None)

    # MUT: the CaCo stops the exercise and makes an incident of the proposal (the form as the page holds it
    # at that moment: a live update may have replaced the card meanwhile)
    stop = urllib.request.Request(server + "/api/v1/meldkamer/replay/stop", data=b"", method="POST",
                                  headers={"Authorization": f"Bearer {api_token(server, 'caco-amsterdam')}"})
    urllib.request.urlopen(stop, timeout=30).close()
    texts = browser.execute_script(
        "return Array.from(document.querySelectorAll(`#${arguments[0]} ol.messages > li`), li => li.innerText)", card_id)
    messages = [line.split("\n")[0] for line in texts]
    wait(browser, lambda d: d.execute_script(
        "const f = document.querySelector(`#${arguments[0]} form[id^='promote-']`); if (f) { f.requestSubmit(); return true } return false",
        card_id))

    # validate: the incident holds the messages as unverified meldkamer entries and the point on its map
    wait(browser, lambda d: d.find_elements(By.ID, "meldkamer-custody"))
    assert "calamiteitencoördinator houdt het thema Meldkamer bij" in text_of(browser, "meldkamer-custody")
    wait(browser, lambda d: len(entry_texts(d)) >= len(messages))
    shown = entry_texts(browser)
    for message in messages:
        text = message[6:].strip()  # without the hh:mm the page puts first
        assert any(text in entry for entry in shown), (text, shown)
    wait(browser, lambda d: d.execute_script(
        "return (document.getElementById('incident-map') || {dataset: {}}).dataset.plots") == "1")
    screenshot(browser, "112-meldkamer-incident", element_id="status-strip")
    screenshot(browser, "113-meldkamer-incident-map", element_id="incident-map")
    incident_url = browser.current_url

    # MUT: the region's IM takes the meldkamer theme over
    browser.delete_all_cookies()
    login(browser, server, "im-vr13")
    browser.get(incident_url)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#meldkamer-takeover button"))
    browser.find_element(By.CSS_SELECTOR, "#meldkamer-takeover button").click()
    wait(browser, lambda d: "heeft het thema Meldkamer overgenomen" in text_of(d, "meldkamer-custody"))
    screenshot(browser, "114-meldkamer-taken-over", element_id="meldkamer-custody")

    # validate: the IM's home names the proposals still waiting (here: of the exercise)
    browser.get(server + "/")
    wait(browser, lambda d: d.find_elements(By.ID, "home-proposals"))
    assert "in een oefening" in text_of(browser, "home-proposals")
    screenshot(browser, "115-home-meldkamer-proposals", element_id="home-proposals")
