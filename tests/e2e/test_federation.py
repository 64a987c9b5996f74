"""Two real nodes: a regional node (VR13) shares its incidents with the national node, which shows them."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, free_port
from e2e_support import login, screenshot, viewport
from test_access import click, text_of, wait
from test_incident import open_new_incident


def run(*arguments):
    return subprocess.run([str(BINARY), *arguments], capture_output=True, text=True, check=True).stdout


def start(data, port, *role):
    env = dict(os.environ, KNOOPPUNT_BCRYPT_COST="10")
    env.pop("KNOOPPUNT_DATABASE_URL", None)
    log = open(pathlib.Path(data) / "server.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--demo", "--port", str(port), "--data-dir", data, *role],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return process, log
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("node did not start:\n" + (pathlib.Path(data) / "server.log").read_text())
        time.sleep(0.2)


def start_all(nodes):
    """Starts (data, port, *role) nodes together and waits until every one answers."""
    processes = []
    try:
        for data, port, *role in nodes:
            processes.append(start(data, port, *role))
    except Exception:
        for process, log in processes:
            process.kill()
            log.close()
        raise
    return processes


def start_federation(regions):
    """Starts the national node kcr2 and the regional nodes `regions` (name → region code, e.g. {"vr13": "VR13"}),
    all with the demo data and trusting each other. Returns the base URLs by name and a function that stops them."""
    names = ["kcr2", *regions]
    data = {name: tempfile.mkdtemp(prefix=f"knooppunt-{name}-") for name in names}
    ports = {name: free_port() for name in names}
    keys = {}
    for name, folder in data.items():
        run("migrate", "--data-dir", folder)
        keys[name] = re.search(r"public key (\S+)", run("node", "init", "--name", name, "--data-dir", folder)).group(1)
    for region in regions:
        run("node", "trust", "kcr2", f"http://127.0.0.1:{ports['kcr2']}", keys["kcr2"], "--national", "--data-dir", data[region])
        run("node", "trust", region, f"http://127.0.0.1:{ports[region]}", keys[region], "--regional", "--data-dir", data["kcr2"])
    nodes = start_all([(data["kcr2"], ports["kcr2"], "--role", "national"),
                       *[(data[name], ports[name], "--role", "region", "--region", code) for name, code in regions.items()]])

    def stop():
        for process, log in nodes:
            process.terminate()
            process.wait(timeout=30)
            log.close()
        for folder in data.values():
            shutil.rmtree(folder, ignore_errors=True)
    return {name: f"http://127.0.0.1:{ports[name]}" for name in names}, stop


@pytest.fixture
def federation():
    """The national node kcr2 and the regional nodes vr13 and vr12, trusting each other; yields the base URLs
    of vr13, kcr2 and vr12."""
    urls, stop = start_federation({"vr13": "VR13", "vr12": "VR12"})
    yield urls["vr13"], urls["kcr2"], urls["vr12"]
    stop()


def national_text(driver, url):
    driver.get(url + "/national")
    return text_of(driver, "national-incidents")


def test_regional_incidents_appear_on_the_national_picture(federation, browser, second_browser):
    region, national, _ = federation
    # setup: the national analyst opens the national picture
    login(second_browser, national, "analist-kcr2")
    second_browser.find_element(By.ID, "nav-national").click()
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "national-regions")))

    # the regional node's demo incident arrives by itself (queued when the demo was seeded)
    WebDriverWait(second_browser, 30, poll_frequency=1).until(
        lambda d: "Hoogwater Amstel bij Ouderkerk" in national_text(d, national))

    # MUT: the IM in VR13 opens a new incident on the regional node
    open_new_incident(browser, region, "im-vr13", "Brand loods Westpoort")

    # assert: within seconds it is on the national picture, with its source node
    WebDriverWait(second_browser, 30, poll_frequency=1).until(
        lambda d: "Brand loods Westpoort" in national_text(d, national))
    table = text_of(second_browser, "national-incidents")
    assert "vr13" in table
    regions = text_of(second_browser, "national-regions")
    assert "VR13" in regions
    screenshot(second_browser, "70-national-picture", "national-incidents")


def test_advisory_down_and_acknowledged_up(federation, browser, second_browser):
    region, national, _ = federation
    # setup: the national analyst on the national picture
    login(second_browser, national, "analist-kcr2")
    second_browser.get(national + "/national")
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "advisory-form")))

    # MUT: send a handelingsperspectief to VR13
    second_browser.find_element(By.ID, "advisory-title").send_keys("Hitte: let op kwetsbare bewoners")
    second_browser.find_element(By.ID, "advisory-text").send_keys("Zorg voor koelte en drinkwater in zorginstellingen.")
    second_browser.find_element(By.ID, "advisory-regions").send_keys("VR13")
    second_browser.find_element(By.ID, "advisory-send").click()
    WebDriverWait(second_browser, 20).until(lambda d: "VR13: nog niet bevestigd" in text_of(d, "advisory-list"))

    # the region's IM finds it among the warnings and acknowledges it
    login(browser, region, "im-vr13")

    def advisory_shown(d):
        d.get(region + "/warnings")
        return d.find_elements(By.CSS_SELECTOR, "#advisories .acknowledge-advisory")
    WebDriverWait(browser, 30, poll_frequency=1).until(advisory_shown)
    screenshot(browser, "71-region-advisory", "advisories")
    browser.find_element(By.CSS_SELECTOR, "#advisories .acknowledge-advisory").click()
    WebDriverWait(browser, 20).until(lambda d: "Bevestigd door im-vr13" in text_of(d, "advisories"))

    # assert: the national page shows who acknowledged
    def acknowledged(d):
        d.get(national + "/national")
        return "VR13: bevestigd" in text_of(d, "advisory-list")
    WebDriverWait(second_browser, 30, poll_frequency=1).until(acknowledged)
    screenshot(second_browser, "72-national-advisory-acknowledged", "advisory-list")


def api(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def test_aanwijzing_reaches_the_voorzitter_who_acknowledges_it_on_a_phone(federation, browser, second_browser):
    region, national, _ = federation
    # setup: the voorzitter of VR13 opens an incident of VR13 and VR12 at GRIP 4; it reaches the national picture
    chair = api(region, "POST", "/api/v1/session", {"username": "voorzitter-vr13", "password": "demo"})["token"]
    incident = api(region, "POST", "/api/v1/incidents", {
        "title": "Hoogwater Lek", "category": "overstroming", "grip": 4, "gripReason": "Dijkbewaking in twee regio's",
        "involvedRegions": ["VR13", "VR12"]}, chair)
    analyst = api(national, "POST", "/api/v1/session", {"username": "analist-kcr2", "password": "demo"})["token"]
    WebDriverWait(second_browser, 30, poll_frequency=1).until(lambda _: any(
        row["summary"]["incident"] == incident["id"] for row in api(national, "GET", "/api/v1/national/incidents", token=analyst)))

    # MUT: the minister of JenV gives an aanwijzing on scaling, after consulting both voorzitters and the CdK
    minister = api(national, "POST", "/api/v1/session", {"username": "minister-jenv", "password": "demo"})["token"]
    held = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
    api(national, "POST", "/api/v1/aanwijzingen", {
        "kind": "warm", "addressees": ["VR13", "VR12"], "incidents": [{"node": "vr13", "incident": incident["id"]}],
        "matters": ["scaling"], "direction": "Schaal op naar GRIP 5 en vorm een IRBT met Kennemerland.",
        "legalBasis": "Art. 42 Wvr (voorgesteld)",
        "justification": "De regio's stemmen de evacuatie niet af; sturing is nodig en proportioneel.",
        "consultation": [{"party": party, "at": held, "outcome": "Besproken"}
                         for party in ("voorzitter:VR13", "voorzitter:VR12", "cdk:PV27")]}, minister)

    # the voorzitter of VR13 finds it on the incident, on a 390 px phone, and acknowledges it
    viewport(browser, 390, 844, mobile=True)
    login(browser, region, "voorzitter-vr13")
    url = f"{region}/incidents/{incident['id']}"

    # wait for the state the test needs: received, and in force by this node's clock (the national node
    # stamps validFrom with its own clock; the list shows an aanwijzing from receipt, it binds from validFrom)
    def shown(d):
        d.get(url)
        return (d.find_elements(By.CSS_SELECTOR, "#incident-aanwijzingen .acknowledge-aanwijzing")
                and "gebonden aan aanwijzing" in text_of(d, "fact-authority"))
    WebDriverWait(browser, 30, poll_frequency=1).until(shown)
    assert "Schaal op naar GRIP 5" in text_of(browser, "incident-aanwijzingen")
    assert "gebonden aan aanwijzing" in text_of(browser, "fact-authority")
    assert "minister van Justitie en Veiligheid" in text_of(browser, "fact-authority")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390, "nothing wider than the phone"
    screenshot(browser, "77-aanwijzing-on-incident-phone", element_id="incident-aanwijzingen")
    click(browser, By.CSS_SELECTOR, "#incident-aanwijzingen .acknowledge-aanwijzing")
    wait(browser, lambda d: "Ontvangst bevestigd door Anne Jansen" in text_of(d, "incident-aanwijzingen"))
    screenshot(browser, "78-aanwijzing-acknowledged-phone", element_id="incident-aanwijzingen")

    # assert: the register on the national node shows VR13's acknowledgement by name, VR12's still open
    login(second_browser, national, "minister-jenv")

    def acknowledged(d):
        d.get(national + "/aanwijzingen")
        return "bevestigd door Anne Jansen" in text_of(d, "aanwijzingen")
    WebDriverWait(second_browser, 30, poll_frequency=1).until(acknowledged)
    assert "Kennemerland: afgeleverd, nog niet bevestigd" in text_of(second_browser, "aanwijzingen")
    screenshot(second_browser, "79-aanwijzingen-register", element_id="aanwijzingen")


def test_national_map_shows_two_regions_and_details_come_from_the_source(federation, second_browser):
    vr13, national, vr12 = federation
    # setup: VR12's IM opens an incident with a location and one entry on the VR12 node
    token = api(vr12, "POST", "/api/v1/session", {"username": "im-vr12", "password": "demo"})["token"]
    incident = api(vr12, "POST", "/api/v1/incidents", {
        "title": "Duinbrand Bloemendaal", "category": "brand", "grip": 2,
        "location": {"type": "Point", "coordinates": [4.58, 52.41]}}, token)
    api(vr12, "POST", f"/api/v1/incidents/{incident['id']}/entries", {
        "theme": "algemeen", "text": "Vuurfront trekt naar het noorden", "source": "OvD Brandweer"}, token)

    # MUT: the national analyst opens the national picture
    login(second_browser, national, "analist-kcr2")

    def both_on_the_map(d):
        d.get(national + "/national")
        WebDriverWait(d, 20).until(lambda x: x.find_element(By.ID, "national-map").get_attribute("data-loaded"))
        return d.find_elements(By.CSS_SELECTOR, f'#national-map path[data-incident="{incident["id"].upper()}"]') and \
            "Hoogwater Amstel bij Ouderkerk" in text_of(d, "national-incidents")
    WebDriverWait(second_browser, 60, poll_frequency=1).until(both_on_the_map)

    # assert: both regions are coloured by their incidents' GRIP, each incident with its source node
    for code in ("VR13", "VR12"):
        region = second_browser.find_element(By.CSS_SELECTOR, f'#national-map path[data-region="{code}"]')
        assert region.get_attribute("data-grip") != "none"
    table = text_of(second_browser, "national-incidents")
    assert "vr12" in table and "vr13" in table
    screenshot(second_browser, "73-national-map-two-regions")

    # MUT: opening VR12's incident on the map fetches its details from the VR12 node
    marker = second_browser.find_element(By.CSS_SELECTOR, f'#national-map path[data-incident="{incident["id"].upper()}"]')
    second_browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker)
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "detail-source")))
    assert "vr12" in text_of(second_browser, "detail-source")
    assert "zojuist bij de bron opgehaald" in text_of(second_browser, "detail-source")
    assert "Vuurfront trekt naar het noorden" in text_of(second_browser, "detail-entries")
    screenshot(second_browser, "74-national-detail-from-source")


def test_region_shares_an_entry_and_the_national_node_groups_incidents(federation, browser, second_browser):
    vr13, national, vr12 = federation
    # setup: the VR13 demo incident with an entry in the shared picture, and an incident on VR12
    token13 = api(vr13, "POST", "/api/v1/session", {"username": "im-vr13", "password": "demo"})["token"]
    demo = next(i for i in api(vr13, "GET", "/api/v1/incidents", token=token13) if i["title"] == "Hoogwater Amstel bij Ouderkerk")
    picture = api(vr13, "GET", f"/api/v1/incidents/{demo['id']}/picture", token=token13)
    entry = next(e for e in picture["entries"] if e["inSharedPicture"] and e["classification"] in ("public", "internal")
                 and e["verification"] != "contradicted" and "\n" not in e["text"])
    token12 = api(vr12, "POST", "/api/v1/session", {"username": "im-vr12", "password": "demo"})["token"]
    other = api(vr12, "POST", "/api/v1/incidents", {"title": "Dijkbewaking Spaarndam", "category": "overstroming", "grip": 1}, token12)

    # MUT: VR13's IM shares the entry nationally from the incident page
    login(browser, vr13, "im-vr13")
    browser.get(f"{vr13}/incidents/{demo['id']}")
    share = f'//li[@data-entry="{entry["id"]}"]//button[normalize-space()="Landelijk delen"]'
    click(browser, By.XPATH, share)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, f'li[data-entry="{entry["id"]}"] .badge.shared-nationally'))
    screenshot(browser, "75-region-entry-shared-nationally", selector=f'#picture li[data-entry="{entry["id"]}"]')

    # assert: the national analyst finds it with the incident, kept on the national node
    login(second_browser, national, "analist-kcr2")

    def shared(d):
        d.get(f"{national}/national/incidents/vr13/{demo['id']}")
        return entry["text"] in text_of(d, "shared-entries")
    WebDriverWait(second_browser, 30, poll_frequency=1).until(shared)

    # MUT: the analyst joins VR13's and VR12's incidents into one bovenregionale bundeling
    def both_listed(d):
        d.get(national + "/national")
        return d.find_elements(By.CSS_SELECTOR, f'#grouping-form input[data-incident="{other["id"]}"]')
    WebDriverWait(second_browser, 30, poll_frequency=1).until(both_listed)
    second_browser.find_element(By.ID, "grouping-name").send_keys("Hoogwater Noord-Holland")
    for incident in (demo, other):
        second_browser.find_element(By.CSS_SELECTOR, f'#grouping-form input[data-incident="{incident["id"]}"]').click()
    second_browser.find_element(By.ID, "grouping-create").click()
    WebDriverWait(second_browser, 20).until(EC.presence_of_element_located((By.ID, "grouping-members")))

    # assert: one picture of both regions' incidents, with what VR13 shared
    members = text_of(second_browser, "grouping-members")
    assert "Hoogwater Amstel bij Ouderkerk" in members and "Dijkbewaking Spaarndam" in members
    assert "VR12" in text_of(second_browser, "grouping-summary") and "VR13" in text_of(second_browser, "grouping-summary")
    assert entry["text"] in text_of(second_browser, "grouping-entries")
    screenshot(second_browser, "76-national-irbt-grouping")


def post_json(base, path, token, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST" if not path.endswith("/edges") else "PUT",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_cascade_across_regions_on_the_national_map(federation, browser, second_browser):
    from test_risk_pictures import api_token
    region, national, _ = federation
    # setup: the water board's station in Gooi en Vechtstreek depends on its Amstelveen station; an incident at Amstelveen
    agv = api_token(region, "agv")
    post_json(region, "/api/v1/dependencies/nodes", agv, {
        "key": "vr14-gemaal-hilversum", "kind": "object", "name": "Gemaal Hilversum-Noord (fictief)", "objectType": "pumping-station",
        "process": "vp-keren-en-beheren-waterkwantiteit", "owner": "WS-AGV", "region": "VR14",
        "location": {"lon": 5.18, "lat": 52.23}, "classification": "internal"})
    post_json(region, "/api/v1/dependencies/edges", agv, {
        "node": "vr14-gemaal-hilversum", "dependsOn": "vr13-gemaal-amstelveen", "delayMinutes": 120, "probability": 0.6,
        "source": {"kind": "assumption", "reference": "Aanname: het gemaal slaat af zonder aanvoer uit de Bovenkerkerpolder"}})
    incident = post_json(region, "/api/v1/incidents", api_token(region, "im-vr13"), {
        "title": "Storing gemaal Bovenkerkerpolder", "category": "uitval-nutsvoorziening",
        "location": {"type": "Point", "coordinates": [4.84, 52.28]}})["id"]

    # MUT: the IM of VR13 shares what may follow with the national node
    login(browser, region, "im-vr13")
    browser.get(f"{region}/incidents/{incident}/wat-kan-volgen")
    wait(browser, lambda d: d.find_elements(By.ID, "what-follows-share-submit"))
    assert "Gooi en Vechtstreek" in text_of(browser, "what-follows-regions")
    browser.find_element(By.ID, "what-follows-share-submit").click()
    wait(browser, lambda d: "Gedeeld met het landelijk knooppunt" in text_of(d, "what-follows-done"))

    # validate: the national analyst sees it in the list and as dots on the national map, without the confidential station
    login(second_browser, national, "analist-kcr2")
    WebDriverWait(second_browser, 30, poll_frequency=1).until(
        lambda d: d.get(national + "/national") or "Gevolgen over regiogrenzen (1)" in text_of(d, "national-cascades"))
    listed = text_of(second_browser, "national-cascades")
    assert "Storing gemaal Bovenkerkerpolder" in listed and "Gemaal Hilversum-Noord" in listed and "Bovenkerkerpolder (fictief)" not in listed
    wait(second_browser, lambda d: d.find_element(By.ID, "national-map").get_attribute("data-cascades-drawn") not in (None, "", "0"))
    assert second_browser.find_elements(By.CSS_SELECTOR, "#national-map path.cascade-step")
    screenshot(second_browser, "108-national-cascades", "national-cascades")
    screenshot(second_browser, "109-national-map-cascades", "national-map")
