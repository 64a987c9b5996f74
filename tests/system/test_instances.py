"""Several `serve` instances of one node on one PostgreSQL database share the work: a write on instance A
reaches a live-stream client of instance B (LISTEN/NOTIFY wakes B; the journal stays the source of truth)."""
import os
import subprocess
import time
import urllib.parse
import uuid

import pytest

from system_support import Server
from test_live_stream import open_stream


def next_event(response, within=40):
    """The next SSE event (id, event, data); fails when none came within `within` seconds (keep-alive
    comments arrive every 15 s, so the wait ends even when no event does)."""
    deadline = time.monotonic() + within
    current = {}
    while time.monotonic() < deadline:
        line = response.readline().decode().rstrip("\n")
        if line == "":
            if "id" in current:
                return current
            current = {}
        elif not line.startswith(":") and ":" in line:
            field, value = line.split(":", 1)
            current[field] = value.lstrip(" ")
    raise AssertionError(f"no event within {within} s")


def admin_url():
    url = os.environ.get("KNOOPPUNT_TEST_DATABASE_URL")
    assert url, "set KNOOPPUNT_TEST_DATABASE_URL to a PostgreSQL server (scripts/test does, from scripts/postgres-test-server)"
    return url


@pytest.fixture
def shared_database():
    """A new, empty PostgreSQL database; yields its URL and drops it afterwards."""
    admin = admin_url()
    name = "knooppunt_instances_" + uuid.uuid4().hex
    subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {name} TEMPLATE template0"], check=True)
    parts = urllib.parse.urlsplit(admin)
    yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


@pytest.fixture
def two_instances(tmp_path, shared_database):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    a = Server(first, database_url=shared_database)
    b = Server(second, database_url=shared_database)
    a.start()
    b.start(demo=False)
    yield a, b
    a.stop()
    b.stop()


def test_a_write_on_one_instance_reaches_a_stream_on_the_other(two_instances):
    a, b = two_instances
    token_a, token_b = a.login("im-vr13"), b.login("im-vr13")
    # setup: a client follows every incident on instance B, from now on
    connection, response = open_stream(b, "/api/v1/stream", token_b)
    try:
        # MUT: the IM opens an incident through instance A
        status, incident = a.request("POST", "/api/v1/incidents", {"title": "Brand Sloterdijk", "category": "brand"}, token=token_a)
        assert status == 201, incident
        # assert: B's client receives it; without the notification B would not look until a write of its own
        event = next_event(response)
        assert incident["id"].lower() in event["data"].lower()
        assert "Brand Sloterdijk" in event["data"]
        # and a second write on A, an entry, follows in order
        status, _ = a.request("POST", f"/api/v1/incidents/{incident['id']}/entries",
                              {"theme": "algemeen", "text": "Rook over de A10", "source": "meldkamer"}, token=token_a)
        assert status == 201
        following = next_event(response)
        assert int(following["id"]) > int(event["id"])
        assert "Rook over de A10" in following["data"]
    finally:
        connection.close()

    # Both instances see one picture: what A wrote, B serves.
    status, picture = b.request("GET", f"/api/v1/incidents/{incident['id']}/picture", token=token_b)
    assert status == 200
    assert [entry["text"] for entry in picture["entries"]] == ["Rook over de A10"]
