"""Two real nodes: a regional node (VR13) shares its incidents with the national node, which shows them."""
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
from e2e_support import login, screenshot
from test_access import text_of
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


@pytest.fixture
def federation():
    """A regional node vr13 and the national node kcr2 that trust each other; yields their base URLs."""
    region, national = tempfile.mkdtemp(prefix="knooppunt-vr13-"), tempfile.mkdtemp(prefix="knooppunt-kcr2-")
    region_port, national_port = free_port(), free_port()
    keys = {}
    for name, data in (("vr13", region), ("kcr2", national)):
        run("migrate", "--data-dir", data)
        keys[name] = re.search(r"public key (\S+)", run("node", "init", "--name", name, "--data-dir", data)).group(1)
    run("node", "trust", "kcr2", f"http://127.0.0.1:{national_port}", keys["kcr2"], "--national", "--data-dir", region)
    run("node", "trust", "vr13", f"http://127.0.0.1:{region_port}", keys["vr13"], "--regional", "--data-dir", national)
    nodes = [start(national, national_port, "--role", "national"),
             start(region, region_port, "--role", "region", "--region", "VR13")]
    yield f"http://127.0.0.1:{region_port}", f"http://127.0.0.1:{national_port}"
    for process, log in nodes:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    shutil.rmtree(region, ignore_errors=True)
    shutil.rmtree(national, ignore_errors=True)


def national_text(driver, url):
    driver.get(url + "/national")
    return text_of(driver, "national-incidents")


def test_regional_incidents_appear_on_the_national_picture(federation, browser, second_browser):
    region, national = federation
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
    screenshot(second_browser, "70-national-picture")


def test_advisory_down_and_acknowledged_up(federation, browser, second_browser):
    region, national = federation
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
