"""Three real nodes (the national node and two regions) on loopback ports: killed, restarted and cut off
mid-stream, and still every message between them arrives exactly once and in the sender's order."""
import json
import re
import socket
import threading
import time

import pytest

from system_support import Server, run_binary


class Proxy:
    """A TCP relay in front of a node that can be cut off (open connections dropped, new ones closed at
    once) and restored, as a broken network link would."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.connections = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.open = False
        with self.lock:
            for connection in self.connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                    connection.close()
                except OSError:
                    pass
            self.connections = []

    def restore(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


def node_binary(*args):
    result = run_binary(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def federation(tmp_path):
    """kcr2, vr13 and vr12, each trusting the other side through its own relay; yields the servers and the
    relays by link name ("vr12->kcr2" carries vr12's messages to the national node)."""
    names = ("kcr2", "vr13", "vr12")
    folders = {name: tmp_path / name for name in names}
    for folder in folders.values():
        folder.mkdir()
    servers = {
        "kcr2": Server(folders["kcr2"], extra=("--role", "national")),
        "vr13": Server(folders["vr13"], extra=("--role", "region", "--region", "VR13")),
        "vr12": Server(folders["vr12"], extra=("--role", "region", "--region", "VR12")),
    }
    keys = {}
    for name, folder in folders.items():
        node_binary("migrate", "--data-dir", str(folder))
        keys[name] = re.search(r"public key (\S+)", node_binary("node", "init", "--name", name, "--data-dir", str(folder))).group(1)
    relays = {}
    for region in ("vr13", "vr12"):
        relays[f"{region}->kcr2"] = Proxy(servers["kcr2"].port)
        relays[f"kcr2->{region}"] = Proxy(servers[region].port)
        node_binary("node", "trust", "kcr2", f"http://127.0.0.1:{relays[f'{region}->kcr2'].port}", keys["kcr2"], "--national",
                    "--data-dir", str(folders[region]))
        node_binary("node", "trust", region, f"http://127.0.0.1:{relays[f'kcr2->{region}'].port}", keys[region], "--regional",
                    "--data-dir", str(folders["kcr2"]))
    for server in servers.values():
        server.start()
    yield servers, relays
    for server in servers.values():
        server.stop()
    for relay in relays.values():
        relay.close()


def messages(server, box):
    flags = ("--json",) if box == "outbox" else ()
    return json.loads(node_binary("node", box, *flags, "--data-dir", str(server.data_dir)))


def wait_until_delivered(servers, within=180):
    """Until every outbox is empty (no assertion on how long: the deadline only ends a hung run)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if all(m["delivered"] for server in servers.values() for m in messages(server, "outbox")):
            return
        time.sleep(0.5)
    waiting = {name: node_binary("node", "outbox", "--data-dir", str(server.data_dir)) for name, server in servers.items()}
    raise AssertionError(f"messages still waiting after {within} s: {waiting}")


def wait_for_failed_delivery(server, peer, within=60):
    """Until `server` has tried and failed to deliver a message to `peer`: the disruption was real."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if any(m["peer"] == peer and not m["delivered"] and m["attempts"] >= 1 for m in messages(server, "outbox")):
            return
        time.sleep(0.2)
    raise AssertionError(f"no failed delivery to {peer} within {within} s")


class Region:
    """A regional node's IM changing incidents through the API, remembering what was acknowledged."""

    def __init__(self, server, username):
        self.server = server
        self.username = username
        self.token = server.login(username)
        self.titles = {}

    def open(self, title):
        status, body = self.server.request("POST", "/api/v1/incidents", {"title": title, "category": "overig"}, token=self.token)
        assert status == 201, body
        self.titles[body["id"]] = title
        return body["id"]

    def change(self, incident, title):
        status, current = self.server.request("GET", f"/api/v1/incidents/{incident}", token=self.token)
        assert status == 200, current
        status, body = self.server.request(
            "PATCH", f"/api/v1/incidents/{incident}", {"baseVersion": current["version"], "title": title}, token=self.token)
        assert status == 200, body
        self.titles[incident] = title

    def restart(self, kill=True):
        self.server.kill() if kill else self.server.stop()
        self.server.start(demo=False)
        self.token = self.server.login(self.username)


def test_every_message_arrives_once_and_in_order_through_kills_restarts_and_cut_links(federation):
    servers, relays = federation
    vr13, vr12 = Region(servers["vr13"], "im-vr13"), Region(servers["vr12"], "im-vr12")
    incidents = {"vr13": [vr13.open("Wateroverlast Amstelveen"), vr13.open("Stroomstoring Diemen")],
                 "vr12": [vr12.open("Duinbrand Bloemendaal"), vr12.open("Gaslek Haarlem")]}

    def changes(region, incident_ids, label, count):
        for number in range(count):
            region.change(incident_ids[number % 2], f"{label} {number}")

    # The national node is killed (SIGKILL) while both regions keep writing, then restarted.
    changes(vr13, incidents["vr13"], "voor", 3)
    servers["kcr2"].kill()
    changes(vr13, incidents["vr13"], "tijdens uitval", 4)
    changes(vr12, incidents["vr12"], "tijdens uitval", 4)
    wait_for_failed_delivery(servers["vr13"], "kcr2")
    wait_for_failed_delivery(servers["vr12"], "kcr2")
    servers["kcr2"].start(demo=False)
    analyst = servers["kcr2"].login("analist-kcr2")

    # VR12's link is cut off in both directions mid-stream, while it writes and the national node sends
    # advisories to every region; then it is restored.
    writer = threading.Thread(target=changes, args=(vr12, incidents["vr12"], "afgesneden", 8))
    writer.start()
    relays["vr12->kcr2"].cut()
    relays["kcr2->vr12"].cut()
    for number in range(3):
        status, body = servers["kcr2"].request(
            "POST", "/api/v1/national/advisories",
            {"kind": "advisory", "title": f"Advies {number}", "text": "Houd de landelijke lijn open."}, token=analyst)
        assert status == 201, body
    writer.join()
    wait_for_failed_delivery(servers["vr12"], "kcr2")
    wait_for_failed_delivery(servers["kcr2"], "vr12")
    relays["vr12->kcr2"].restore()
    relays["kcr2->vr12"].restore()

    # VR13 is killed right after an acknowledged write, with messages still waiting, and restarted.
    changes(vr13, incidents["vr13"], "voor herstart", 3)
    vr13.restart(kill=True)
    changes(vr13, incidents["vr13"], "na herstart", 2)

    wait_until_delivered(servers)

    # Every message each node queued for a peer was applied there exactly once, in the sender's order.
    for sender, receiver in (("vr13", "kcr2"), ("vr12", "kcr2"), ("kcr2", "vr13"), ("kcr2", "vr12")):
        sent = [(m["sequence"], m["message"]) for m in messages(servers[sender], "outbox") if m["peer"] == receiver]
        applied = [(m["sequence"], m["message"]) for m in messages(servers[receiver], "inbox") if m["peer"] == sender]
        assert sent, f"{sender} sent nothing to {receiver}"
        assert [sequence for sequence, _ in sent] == list(range(1, len(sent) + 1))
        assert applied == sent, f"{sender} -> {receiver}: applied {len(applied)} of {len(sent)}, or out of order"
        assert len({message for _, message in applied}) == len(applied)
    # The disruptions made the nodes retry; retries were applied once all the same.
    assert any(m["attempts"] > 1 for m in messages(servers["vr12"], "outbox"))

    # The national picture holds each incident as its region last acknowledged it.
    status, national = servers["kcr2"].request("GET", "/api/v1/national/incidents", token=analyst)
    assert status == 200
    shown = {row["summary"]["incident"]: row["summary"]["title"] for row in national}
    for region in (vr13, vr12):
        for incident, title in region.titles.items():
            assert shown.get(incident) == title
    # Both regions hold the three advisories, once each.
    for region in (vr13, vr12):
        status, advisories = region.server.request("GET", "/api/v1/advisories", token=region.token)
        assert status == 200
        assert sorted(a["title"] for a in advisories) == ["Advies 0", "Advies 1", "Advies 2"]
