"""The demo federation script: one command starts the national node and three regions that trust each other."""
import json
import os
import pathlib
import signal
import subprocess
import tempfile
import time
import urllib.request

from system_support import BINARY, ROOT, free_port_run


def get(url, token=None):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def login(base, username):
    request = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"username": username, "password": "demo"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def test_demo_federation_starts_four_nodes_and_the_national_node_sees_vr13():
    folder = tempfile.mkdtemp(prefix="knooppunt-federation-")
    first = free_port_run(4)  # the national node's port; the script gives the regions the next three
    env = dict(os.environ, KNOOPPUNT_BIN=str(BINARY), KNOOPPUNT_FEDERATION_DIR=folder,
               KNOOPPUNT_FEDERATION_PORT=str(first), KNOOPPUNT_BCRYPT_COST="10")
    env.pop("KNOOPPUNT_DATABASE_URL", None)
    process = subprocess.Popen([str(ROOT / "scripts" / "demo-federation")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=env, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.monotonic() + 180
        while "Ctrl-C stops all four" not in "".join(lines):
            line = process.stdout.readline()
            assert line or process.poll() is None, "".join(lines)
            lines.append(line)
            assert time.monotonic() < deadline, "".join(lines)
        national = f"http://127.0.0.1:{first}"
        for offset in range(4):
            assert get(f"http://127.0.0.1:{first + offset}/api/v1/health")["status"] == "ok"
        assert get(national + "/api/v1/federation/node")["name"] == "kcr2"
        token = login(national, "analist-kcr2")
        # The VR13 node's demo incident reaches the national node once; VR12 and VR17 have none of their own.
        deadline = time.monotonic() + 30
        while True:
            incidents = get(national + "/api/v1/national/incidents", token)
            if incidents or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert [(row["sourceNode"], row["summary"]["title"]) for row in incidents] == [("vr13", "Hoogwater Amstel bij Ouderkerk")]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
