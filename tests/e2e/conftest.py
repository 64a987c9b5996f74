"""Fixtures for the browser tests: the real knooppunt binary with demo data, and headless Chromium."""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("KNOOPPUNT_BIN", ROOT / ".build" / "debug" / "knooppunt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data):
    """Starts `knooppunt serve --demo` on a data folder; returns the process, its base URL and its log."""
    assert BINARY.exists(), f"build the server first (swift build); looked for {BINARY}"
    port = free_port()
    env = dict(os.environ, KNOOPPUNT_BCRYPT_COST="10")
    env.pop("KNOOPPUNT_DATABASE_URL", None)
    log = open(pathlib.Path(data) / "server.log", "w")
    process = subprocess.Popen(
        [str(BINARY), "serve", "--demo", "--port", str(port), "--data-dir", data],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return process, base, log
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("server did not start:\n" + (pathlib.Path(data) / "server.log").read_text())
        time.sleep(0.2)


@pytest.fixture(scope="session")
def server():
    """Serves the demo from a fresh data folder and yields its base URL."""
    data = tempfile.mkdtemp(prefix="knooppunt-e2e-")
    process, base, log = start_server(data)
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()
    shutil.rmtree(data, ignore_errors=True)


def make_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--lang=nl-NL"):
        options.add_argument(argument)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture
def browser():
    driver = make_browser()
    yield driver
    driver.quit()


@pytest.fixture
def second_browser():
    """A second, separate browser session (its own cookies), for two users at once."""
    driver = make_browser()
    yield driver
    driver.quit()
