"""Wat kan volgen (issue 19, decision 0032): the IM of Rotterdam-Rijnmond opens what may follow from a digital
disruption in the port, sees the waves on the map, turns a step into an entry and alerts the partner concerned."""
import json
import urllib.request

from selenium.webdriver.common.by import By

from e2e_support import login, screenshot, viewport, wait
from test_risk_pictures import api_token
from test_risks import text_of

TITLE = "Storing havensysteem Maasvlakte"


def create_incident(server, token):
    body = json.dumps({"title": TITLE, "category": "digitale-ontwrichting",
                       "location": {"type": "Point", "coordinates": [4.04, 51.96]}}).encode()
    request = urllib.request.Request(server + "/api/v1/incidents", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["id"]


def step(driver, key):
    return driver.find_element(By.CSS_SELECTOR, f'li.step[data-node="{key}"]')


def test_port_disruption_what_follows(server, browser):
    # setup: a digital disruption of the port system, reported at the Maasvlakte
    incident = create_incident(server, api_token(server, "im-vr17"))

    # MUT: the IM of VR17 opens the incident and "Wat kan volgen"
    login(browser, server, "im-vr17")
    browser.get(f"{server}/incidents/{incident}")
    wait(browser, lambda d: d.find_elements(By.ID, "what-follows-open"))
    browser.find_element(By.ID, "what-follows-open").click()
    wait(browser, lambda d: d.find_elements(By.ID, "what-follows-status"))

    # validate: what fails, how far it reaches, the other region first; the waves in order, each step with its source
    status = text_of(browser, "what-follows-status")
    assert "Havenbedrijfssysteem Maasvlakte" in status and "Zuid-Holland-Zuid" in status, status
    assert "Zuid-Holland-Zuid" in text_of(browser, "what-follows-regions")
    waves = [element.get_attribute("id") for element in browser.find_elements(By.CSS_SELECTOR, "section.wave")]
    assert waves == sorted(waves) and "wave-0" in waves and "wave-1" in waves and "wave-2" in waves, waves
    order = [element.get_attribute("data-node") for element in browser.find_elements(By.CSS_SELECTOR, "li.step")]
    chain = ["vr17-containerterminal", "vr17-aanvoerroutes", "vr17-bereikbaarheid-hulpdiensten", "vr18-chemietrein-stedelijk"]
    assert [order.index(key) for key in chain] == sorted(order.index(key) for key in chain), order
    assert "Bronnotitie digitale ontwrichting, regels 165-167" in step(browser, "vr17-aanvoerroutes").text
    # the map draws every located step as a dot in its wave's colour
    wait(browser, lambda d: d.find_element(By.ID, "cascade-map").get_attribute("data-loaded") not in (None, "", "0"))
    markers = browser.find_elements(By.CSS_SELECTOR, "#cascade-map path.cascade-step")
    assert len(markers) == len(order), (len(markers), len(order))
    assert browser.find_elements(By.CSS_SELECTOR, "#cascade-map path.wave-marker-2")
    roles = text_of(browser, "what-follows-roles")
    assert "Cybergevolgbestrijding" in roles and "Voorzitter" in roles, roles
    screenshot(browser, "98-what-follows-port")
    screenshot(browser, "99-what-follows-port-map", element_id="cascade-map-section")

    # MUT: she turns the congestion on the access roads into an entry
    step(browser, "vr17-aanvoerroutes").find_element(By.CSS_SELECTOR, 'button[data-action="entry"]').click()
    wait(browser, lambda d: "Melding gemaakt" in text_of(d, "what-follows-done"))
    assert "Doorstroming aanvoerroutes haven" in text_of(browser, "what-follows-done")
    # the step says so, and offers no second entry
    assert "Melding gemaakt" in step(browser, "vr17-aanvoerroutes").text
    assert not step(browser, "vr17-aanvoerroutes").find_elements(By.CSS_SELECTOR, 'button[data-action="entry"]')

    # MUT: and alerts ProRail about the chemical train
    step(browser, "vr18-chemietrein-stedelijk").find_element(By.CSS_SELECTOR, 'button[data-action="alert"]').click()
    wait(browser, lambda d: "Gealarmeerd: ProRail" in text_of(d, "what-follows-done"))
    assert "ProRail gealarmeerd" in step(browser, "vr18-chemietrein-stedelijk").text
    screenshot(browser, "100-what-follows-alerted")

    # validate: the incident's picture holds the entry, unverified, from the cascade model; ProRail is alerted
    browser.get(f"{server}/incidents/{incident}")
    wait(browser, lambda d: "Wat kan volgen (T+1 uur" in d.find_element(By.ID, "picture").text)
    picture = browser.find_element(By.ID, "picture").text
    assert "Cascademodel (Wat kan volgen)" in picture
    assert "ProRail" in text_of(browser, "incident-alerts")
    screenshot(browser, "101-what-follows-entry-in-picture", selector="#themes")


def test_what_follows_on_a_phone(server, browser):
    incident = create_incident(server, api_token(server, "im-vr17"))
    login(browser, server, "im-vr17")
    viewport(browser, 390, 844, mobile=True)
    browser.get(f"{server}/incidents/{incident}/wat-kan-volgen")
    wait(browser, lambda d: d.find_elements(By.ID, "what-follows-status"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    screenshot(browser, "102-what-follows-phone")


def test_network_map_for_a_voorzitter_on_a_phone_and_an_administrator(server, browser):
    # setup: the chair of Amsterdam-Amstelland on a phone
    login(browser, server, "voorzitter-vr13")
    viewport(browser, 390, 844, mobile=True)
    browser.get(server + "/netwerkkaart")

    # validate: how much is unclear comes first; every aspect is there with its phases; gaps shown as gaps
    status = text_of(browser, "network-map-status")
    assert "onvoldoende helder" in status, status
    consequence = text_of(browser, "aspect-consequence-management")
    assert "Koude fase" in consequence and "Warme fase" in consequence and "Onvoldoende helder" in consequence, consequence
    width = browser.execute_script("return document.documentElement.scrollWidth")
    wide = browser.execute_script("return [...document.querySelectorAll('body *')].filter(e => !e.closest('header') && e.getBoundingClientRect().right > 392).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
    assert width <= 390, f"the page is {width} px wide: {wide}"
    own = text_of(browser, "network-map-own")
    assert "Uw rol: Voorzitter veiligheidsregio" in own and "Warme fase" in own or "warme fase" in own, own
    screenshot(browser, "103-network-map-phone")

    # MUT: she looks at the warm phase of an internet outage
    browser.find_element(By.CSS_SELECTOR, "#network-map-phase option[value='warm']").click()
    browser.find_element(By.CSS_SELECTOR, "#network-map-process option[value='vp-internettoegang-en-dataverkeer']").click()
    browser.find_element(By.ID, "network-map-apply").click()
    wait(browser, lambda d: d.find_elements(By.ID, "network-map-scenario"))
    assert "EZK" in text_of(browser, "network-map-scenario")
    assert not browser.find_elements(By.CSS_SELECTOR, ".network-phase[data-phase='koud']")
    assert browser.find_elements(By.CSS_SELECTOR, "#network-graph line.edge.unclear")
    assert "Cybergevolgbestrijding" in text_of(browser, "network-graph-list")
    screenshot(browser, "104-network-map-graph-phone", element_id="network-graph-list")

    # MUT: an administrator records a responsibility on a desktop screen
    browser.delete_all_cookies()
    viewport(browser, 1280, 900)
    login(browser, server, "admin")
    browser.get(server + "/netwerkkaart")
    browser.execute_script("document.querySelector('#network-map-edit details').open = true")
    browser.find_element(By.CSS_SELECTOR, "#nm-aspect option[value='cybercrime']").click()
    browser.find_element(By.CSS_SELECTOR, "#nm-phase option[value='lauw']").click()
    browser.find_element(By.CSS_SELECTOR, "#nm-actor option[value='burgemeester']").click()
    browser.find_element(By.ID, "nm-duty-nl").send_keys("Aangifte aanmoedigen en de driehoek bijeenroepen")
    browser.find_element(By.ID, "nm-duty-en").send_keys("Encourage reporting and convene the triangle")
    browser.find_element(By.ID, "nm-source").send_keys("Aanname van de beheerder (test)")
    browser.find_element(By.ID, "network-map-submit").click()
    wait(browser, lambda d: "Aangifte aanmoedigen" in text_of(d, "aspect-cybercrime"))
    assert "Vastgelegd (versie 1)" in text_of(browser, "network-map-notice")
    assert "versie 1" in text_of(browser, "network-map-export")
    screenshot(browser, "104b-network-map-desktop", element_id="network-graph")
    screenshot(browser, "105-network-map-administrator", element_id="aspect-cybercrime")


def test_scenario_to_exercise(server, browser):
    # setup: the IM of Amsterdam-Amstelland opens the scenario library from the risk pictures
    login(browser, server, "im-vr13")
    browser.get(server + "/risicobeelden")
    browser.find_element(By.ID, "to-scenarios").click()
    wait(browser, lambda d: d.find_elements(By.ID, "scenarios-list"))
    browser.find_element(By.LINK_TEXT, "Stroomuitval Amstelpolders bij zware neerslag").click()

    # validate: the scenario run — what fails, its assumptions, the waves
    wait(browser, lambda d: d.find_elements(By.ID, "scenario-status"))
    assert "Onderstation Diemen" in text_of(browser, "scenario-status")
    order = [element.get_attribute("data-node") for element in browser.find_elements(By.CSS_SELECTOR, "li.step")]
    assert "vr13-gemaal-amstelveen" in order and "vr13-droge-voeten-amstelpolders" in order, order
    assert order.index("vr13-gemaal-amstelveen") < order.index("vr13-droge-voeten-amstelpolders")
    screenshot(browser, "106-scenario-run")

    # MUT: she starts an exercise from it
    browser.find_element(By.ID, "scenario-exercise-submit").click()

    # validate: an exercise incident, and what follows already computed from the scenario's failure
    wait(browser, lambda d: d.find_elements(By.ID, "what-follows-status"))
    assert "Onderstation Diemen" in text_of(browser, "what-follows-status")
    assert "Oefening: Stroomuitval Amstelpolders" in browser.find_element(By.TAG_NAME, "body").text
    screenshot(browser, "107-scenario-exercise")
