"""Server-Sent Events from the real server: a dropped connection resumes with no gap and no duplicate."""
import http.client
import json

from system_support import Server


def read_events(response, count):
    """Reads `count` SSE events (id, event, data) from an open response."""
    events, current = [], {}
    while len(events) < count:
        line = response.readline().decode().rstrip("\n")
        if line == "":
            if "id" in current:
                events.append(current)
            current = {}
        elif not line.startswith(":") and ":" in line:
            field, value = line.split(":", 1)
            current[field] = value.lstrip(" ")
    return events


def open_stream(server, path, token, last_event_id=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    return connection, response


def add_entry(server, incident, token, text):
    status, body = server.request(
        "POST", f"/api/v1/incidents/{incident}/entries",
        {"theme": "algemeen", "text": text, "source": "meldkamer"}, token=token)
    assert status == 201, body


def test_resume_after_dropped_connection(tmp_path):
    server = Server(tmp_path)
    server.start()
    try:
        # setup
        token = server.login("im-vr13")
        status, incident = server.request(
            "POST", "/api/v1/incidents", {"title": "Stroomstoring West", "category": "uitval-nutsvoorziening"},
            token=token)
        assert status == 201
        path = f"/api/v1/incidents/{incident['id']}/stream"

        # MUT: receive three events, drop the connection, miss two, reconnect with Last-Event-ID
        connection, response = open_stream(server, path, token)
        for number in range(1, 4):
            add_entry(server, incident["id"], token, f"melding {number}")
        first = read_events(response, 3)
        connection.close()
        for number in range(4, 6):
            add_entry(server, incident["id"], token, f"melding {number}")
        connection, response = open_stream(server, path, token, last_event_id=first[-1]["id"])
        add_entry(server, incident["id"], token, "melding 6")
        resumed = read_events(response, 3)
        connection.close()

        # validate: every entry exactly once, in order, with ids that only go up
        texts = [json.loads(e["data"])["payload"]["text"] for e in first + resumed]
        assert texts == [f"melding {n}" for n in range(1, 7)]
        ids = [int(e["id"]) for e in first + resumed]
        assert ids == sorted(set(ids))
        assert all(e["event"] == "entry.created" for e in first + resumed)
    finally:
        server.stop()


def test_stream_ends_when_the_session_is_revoked(tmp_path):
    server = Server(tmp_path)
    server.start()
    try:
        token = server.login("im-vr13")
        status, incident = server.request(
            "POST", "/api/v1/incidents", {"title": "Sessietest", "category": "overig"}, token=token)
        assert status == 201
        connection, response = open_stream(server, f"/api/v1/incidents/{incident['id']}/stream", token)
        status, _ = server.request("DELETE", "/api/v1/session", token=token)
        assert status == 204
        # The stream says so and closes (it re-checks its session at least every 15 seconds).
        connection.sock.settimeout(40)
        rest = response.read().decode()
        assert "event: session-ended" in rest
        connection.close()
    finally:
        server.stop()
