"""A current risk picture from threat to incident (issue 18, decision 0029): the risk advisor enters a threat, the
waterschap adds an expected effect, a CAP warning fires the monitoring rule, and the IM escalates the picture into
an incident whose picture already holds the effects."""
import datetime
import urllib.request
import zoneinfo

from selenium.webdriver.common.by import By

from e2e_support import login, screenshot, viewport, wait
from test_risks import submit, text_of

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
TITLE = "Hoogwater Amstel na stormvloed"


def local(moment):
    """A moment as a browser's datetime-local field takes it: Amsterdam time, to the minute."""
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def cap_warning(now):
    """A CAP 1.2 warning of Rijkswaterstaat over the Amstel south of Amsterdam, severe, in force now."""
    stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>NL-RWS-E2E-{int(now.timestamp())}</identifier>
  <sender>waterinfo@rws.nl</sender>
  <sent>{stamp(now)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>nl-NL</language>
    <category>Met</category>
    <event>Hoogwater</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>{stamp(now + datetime.timedelta(days=1))}</expires>
    <senderName>Rijkswaterstaat</senderName>
    <headline>Code oranje hoogwater Amstel</headline>
    <description>De Amstel stijgt tot 0,6 m boven streefpeil.</description>
    <area>
      <areaDesc>Amstel tussen Amsterdam en Ouderkerk</areaDesc>
      <polygon>52.28,4.86 52.28,4.96 52.36,4.96 52.36,4.86 52.28,4.86</polygon>
    </area>
  </info>
</alert>""".encode()


def api_token(server, username):
    import json
    request = urllib.request.Request(server + "/api/v1/session", data=json.dumps({"username": username, "password": "demo"}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def test_threat_to_incident(server, browser):
    now = datetime.datetime.now(datetime.timezone.utc)

    # MUT: the risk advisor enters the threat, invites the waterschap, sets a CAP rule
    login(browser, server, "risicoadviseur-vr13")
    browser.get(server + "/risicobeelden")
    submit(browser, "risk-picture-form", {
        "title": TITLE, "kind": "hoogwater", "description": "Springtij en zuidwesterstorm: de Amstel kan niet lozen.",
        "expectedFrom": local(now), "expectedUntil": local(now + datetime.timedelta(days=2)), "partners[]": ["WS-AGV", "RWS"]})
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == TITLE)
    picture_url = browser.current_url
    assert "Waterschap Amstel, Gooi en Vecht" in text_of(browser, "picture-partners") or "WS-AGV" in text_of(browser, "picture-partners")
    browser.get(picture_url)
    browser.execute_script("document.querySelector('#picture-keeping details').open = true")
    submit(browser, "rule-form", {"source": "cap", "minimumSeverity": "Severe"})
    wait(browser, lambda d: "CAP-waarschuwing in het gebied, ernst Ernstig of hoger" in text_of(d, "picture-rules"))
    screenshot(browser, "45-risk-picture-opened")

    # MUT: the waterschap adds an expected effect; under structurele samenwerking it waits for the region
    browser.delete_all_cookies()
    login(browser, server, "agv")
    browser.get(picture_url)
    browser.execute_script("document.querySelector('#picture-effect-form details').open = true")
    submit(browser, "effect-form", {"text": "Kade Amsteldijk Zuid kan overlopen bij 0,6 m boven streefpeil"})
    wait(browser, lambda d: "Kade Amsteldijk Zuid" in text_of(d, "picture-effects"))
    assert "wacht op toelating" in text_of(browser, "picture-effects")
    screenshot(browser, "46-risk-picture-waterschap-effect", element_id="picture-effects")

    # MUT: a CAP warning over the Amstel comes in through the intake
    cap = urllib.request.Request(server + "/api/v1/cap", data=cap_warning(now), method="POST",
                                 headers={"Content-Type": "application/cap+xml", "Authorization": f"Bearer {api_token(server, 'im-vr13')}"})
    with urllib.request.urlopen(cap, timeout=30) as response:
        assert response.status in (200, 201)

    # validate: the IM on duty sees the signal on her home page, marked urgent, and on the picture
    browser.delete_all_cookies()
    login(browser, server, "im-vr13")
    signals = text_of(browser, "home-risk-signals")
    assert "Code oranje hoogwater Amstel" in signals and TITLE in signals, signals
    screenshot(browser, "47-home-risk-signal", element_id="home-risk-pictures")
    browser.get(picture_url)
    assert "nog niet gezien" in text_of(browser, "picture-signals")

    # MUT: she admits the waterschap's effect and escalates the picture into an incident
    browser.find_element(By.CSS_SELECTOR, "#picture-effects form button").click()
    wait(browser, lambda d: "wacht op toelating" not in text_of(d, "picture-effects"))
    browser.find_element(By.ID, "escalate").click()

    # validate: the incident's picture already holds the waterschap's effect, by the waterschap, and its area
    wait(browser, lambda d: d.find_elements(By.ID, "timeline"))
    assert TITLE in browser.find_element(By.TAG_NAME, "h1").text
    wait(browser, lambda d: "Verwacht effect: Kade Amsteldijk Zuid kan overlopen" in d.find_element(By.ID, "picture").text)
    screenshot(browser, "48-incident-from-risk-picture", element_id="picture")
    browser.get(picture_url)
    assert "Opgeschaald naar incident" in text_of(browser, "picture-status")
    assert text_of(browser, "picture-phase").endswith("Warme fase")


def test_risk_picture_on_a_phone_for_a_partner(server, browser):
    # setup: TenneT's user reads the demo's storm forecast on a phone
    login(browser, server, "tennet")
    viewport(browser, 390, 844, mobile=True)
    browser.get(server + "/risicobeelden")
    browser.find_element(By.LINK_TEXT, "Zware storm verwacht").click()

    # validate: what matters first, the phase, no keeping forms, and the page fits the screen
    wait(browser, lambda d: d.find_elements(By.ID, "picture-status"))
    assert "Kans op uitval van hoogspanningsverbindingen" in text_of(browser, "picture-effects")
    assert "Bomen op de dijken" not in text_of(browser, "picture-effects"), "the waterschap's effect waits for the region"
    assert not browser.find_elements(By.ID, "picture-keeping") and not browser.find_elements(By.ID, "escalate")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    screenshot(browser, "49-risk-picture-phone-partner")
