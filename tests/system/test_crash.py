"""Acknowledged writes survive kill -9 of the server: after the last write, and at random moments while
writes are in flight, on SQLite and on PostgreSQL."""
import collections
import http.client
import os
import random
import sqlite3
import threading
import time
import urllib.error

import pytest

from system_support import Server, run_binary, scratch_postgres_database, verify_journal


def test_acknowledged_writes_survive_kill(tmp_path):
    # setup
    server = Server(tmp_path)
    server.start()
    try:
        token = server.login("im-vr13")
        # MUT: every 201 is an acknowledgement; kill the server right after the last one
        created = []
        for number in range(40):
            status, body = server.request(
                "POST", "/api/v1/tokens", {"name": f"koppeling-{number}", "expiresInDays": 30}, token=token)
            assert status == 201, body
            created.append(body["id"])
        server.kill()
        # The SQLite file keeps a write-ahead log (readers and the writer never wait for each other) and
        # syncs it on every commit: the killed server's acknowledged writes are in the log, not lost.
        with sqlite3.connect(tmp_path / "knooppunt.sqlite") as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

        # validate: after a restart every acknowledged token is there and the journal chain is intact
        server.start(demo=False)
        token = server.login("im-vr13")
        status, tokens = server.request("GET", "/api/v1/tokens", token=token)
        assert status == 200
        assert sorted(t["id"] for t in tokens) == sorted(created)
    finally:
        server.stop()
    verify = run_binary("verify-journal", "--data-dir", str(tmp_path))
    assert verify.returncode == 0, verify.stderr
    assert "journal intact" in verify.stdout


# --- kill -9 at random moments while writes are in flight -------------------------------------------------

TOTAL_WRITES = 1000   # acknowledged writes, over all restarts
WRITERS = 4           # concurrent writer threads
WAIT = 180            # seconds any wait on state may take before the test gives up


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """None for the SQLite file in the data folder, or the URL of a scratch PostgreSQL database."""
    if request.param == "sqlite":
        yield None
    else:
        with scratch_postgres_database("knooppunt_crash_") as url:
            yield url


class Writes:
    """What the writers know about every write they started, by its unique label (token name or entry text)."""

    def __init__(self):
        self.state = threading.Condition()
        self.acknowledged = {}   # label -> id: answered 201
        self.unknown = {}        # label -> why: the connection broke after the request may have reached the server
        self.refused = {}        # label -> why: no connection at all, so the server never saw it
        self.rejected = {}       # label -> (status, body): the server answered, but not 201
        self.in_flight = 0
        self.started = 0
        self.up = True           # writers only start a write while the server is up
        self.stop = False
        self.errors = []         # exceptions that ended a writer thread

    def settled(self):
        return len(self.acknowledged) + len(self.unknown) + len(self.refused) + len(self.rejected)


def post(server, path, body, token):
    """('ack', id) | ('unknown', why) | ('refused', why) | ('rejected', (status, body))."""
    try:
        status, answer = server.request("POST", path, body, token=token)
    except urllib.error.URLError as error:
        # urllib wraps errors while connecting and sending; only a refused connection means "never sent"
        kind = "refused" if isinstance(error.reason, ConnectionRefusedError) else "unknown"
        return kind, repr(error.reason)
    except (OSError, http.client.HTTPException, ValueError) as error:
        # the request went out and the answer broke off (reset, closed, truncated)
        return "unknown", repr(error)
    if status == 201 and isinstance(answer, dict) and "id" in answer:
        return "ack", answer["id"].lower()
    return "rejected", (status, answer)


def writer(number, server, token, incident, writes, prefix):
    """Alternates new API tokens and new entries on the demo incident until TOTAL_WRITES are acknowledged."""
    try:
        while True:
            with writes.state:
                writes.state.wait_for(lambda: writes.stop or len(writes.acknowledged) >= TOTAL_WRITES
                                      or (writes.up and len(writes.acknowledged) + writes.in_flight < TOTAL_WRITES))
                if writes.stop or len(writes.acknowledged) >= TOTAL_WRITES:
                    return
                writes.in_flight += 1
                sequence = writes.started
                writes.started += 1
            label = f"{prefix}-{number}-{sequence}"
            if sequence % 2 == 0:
                outcome = post(server, "/api/v1/tokens", {"name": label, "expiresInDays": 30}, token)
            else:
                outcome = post(server, f"/api/v1/incidents/{incident}/entries",
                               {"theme": "algemeen", "text": label, "source": "crash-test"}, token)
            with writes.state:
                writes.in_flight -= 1
                kind, detail = outcome
                {"ack": writes.acknowledged, "unknown": writes.unknown,
                 "refused": writes.refused, "rejected": writes.rejected}[kind][label] = detail
                writes.state.notify_all()
    except BaseException as error:  # noqa: BLE001 - reported by the main thread
        with writes.state:
            writes.errors.append(error)
            writes.stop = True
            writes.state.notify_all()


def wait_for(writes, predicate, what):
    """Waits on the writers' state (no fixed sleeps); fails when a writer died or nothing moved for WAIT s."""
    with writes.state:
        if not writes.state.wait_for(lambda: writes.errors or predicate(), timeout=WAIT):
            raise AssertionError(f"timed out waiting for {what}")
        assert not writes.errors, f"a writer failed: {writes.errors!r}"


def present_writes(server, token, incident, prefix):
    """label -> [ids] of every token and entry the test wrote that the server has now."""
    status, tokens = server.request("GET", "/api/v1/tokens", token=token)
    assert status == 200, tokens
    status, picture = server.request("GET", f"/api/v1/incidents/{incident}/picture", token=token)
    assert status == 200, picture
    present = collections.defaultdict(list)
    for item in tokens:
        if item["name"].startswith(prefix):
            present[item["name"]].append(item["id"].lower())
    for entry in picture["entries"]:
        if entry["text"].startswith(prefix):
            present[entry["text"]].append(entry["id"].lower())
    return present


def test_acknowledged_writes_survive_kill_at_random_moments(tmp_path, database_url):
    seed = int(os.environ.get("KNOOPPUNT_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    backend = "postgresql" if database_url else "sqlite"
    print(f"\n[{backend}] crash seed {seed}: rerun with KNOOPPUNT_CRASH_SEED={seed}")
    rng = random.Random(seed)
    # Each kill comes once a random number of writes is acknowledged, a random 0-40 ms later, and only
    # while at least one write is in flight.
    kill_points = sorted(rng.sample(range(50, TOTAL_WRITES - 50), rng.randint(3, 5)))
    kill_delays = [rng.uniform(0, 0.04) for _ in kill_points]
    prefix = f"crash-{seed}"
    began = time.monotonic()

    # setup: the demo on a fresh database; the IM of VR13 writes tokens and entries on the demo incident
    server = Server(tmp_path, database_url=database_url)
    server.start()
    writes = Writes()
    threads = []
    kills = []
    try:
        token = server.login("im-vr13")
        status, incidents = server.request("GET", "/api/v1/incidents", token=token)
        assert status == 200 and len(incidents) == 1, incidents
        incident = incidents[0]["id"]

        threads = [threading.Thread(target=writer, args=(number, server, token, incident, writes, prefix), daemon=True)
                   for number in range(WRITERS)]
        for thread in threads:
            thread.start()

        # MUT: kill -9 at the chosen moments, restart, and let the writers carry on
        for point, delay in zip(kill_points, kill_delays):
            wait_for(writes, lambda: len(writes.acknowledged) >= point, f"{point} acknowledged writes")
            time.sleep(delay)  # where in the requests of the moment the kill lands; not a timing assertion
            wait_for(writes, lambda: writes.in_flight > 0, "a write in flight")
            with writes.state:
                writes.up = False
                in_flight, acknowledged = writes.in_flight, len(writes.acknowledged)
            server.kill()
            kills.append((acknowledged, in_flight))
            server.start(demo=False)
            with writes.state:
                writes.up = True
                writes.state.notify_all()
        wait_for(writes, lambda: len(writes.acknowledged) >= TOTAL_WRITES, f"{TOTAL_WRITES} acknowledged writes")
        for thread in threads:
            thread.join(timeout=WAIT)
        # and once more right after the last acknowledgement, with nothing in flight
        server.kill()
        server.start(demo=False)

        # validate
        present = present_writes(server, token, incident, prefix)
    finally:
        with writes.state:
            writes.stop = True
            writes.state.notify_all()
        server.stop()
    verify = verify_journal(tmp_path, database_url)

    unknown_present = sorted(label for label in writes.unknown if label in present)
    tokens = sum(1 for label in writes.acknowledged if int(label.rsplit("-", 1)[1]) % 2 == 0)
    summary = (f"[{backend}] seed {seed}: kills at (acknowledged, in flight) {kills}; "
               f"{writes.started} writes started, {len(writes.acknowledged)} acknowledged "
               f"({tokens} tokens, {len(writes.acknowledged) - tokens} entries), "
               f"{len(writes.unknown)} outcome unknown ({len(unknown_present)} of them present), "
               f"{len(writes.refused)} refused connections, {len(writes.rejected)} rejected; "
               f"{time.monotonic() - began:.1f} s")
    print(summary)
    log = f"\n{summary}\nserver log: {tmp_path / 'server.log'}"

    assert writes.settled() == writes.started, f"writes without an outcome{log}"
    assert not writes.rejected, f"the server refused writes: {writes.rejected}{log}"
    assert writes.unknown, f"no kill broke off a write in flight, so this run proved less than it should{log}"
    lost = sorted(label for label in writes.acknowledged if label not in present)
    assert not lost, f"acknowledged writes lost: {[(label, writes.acknowledged[label]) for label in lost]}{log}"
    duplicated = {label: ids for label, ids in present.items() if len(ids) > 1}
    assert not duplicated, f"writes present more than once: {duplicated}{log}"
    changed = {label: (writes.acknowledged[label], present.get(label)) for label in writes.acknowledged
               if present.get(label) != [writes.acknowledged[label]]}
    assert not changed, f"acknowledged writes present under another id: {changed}{log}"
    never_sent = sorted(label for label in writes.refused if label in present)
    assert not never_sent, f"writes whose connection was refused are present: {never_sent}{log}"
    strangers = sorted(set(present) - set(writes.acknowledged) - set(writes.unknown))
    assert not strangers, f"writes present that nobody made: {strangers}{log}"
    assert verify.returncode == 0, f"{verify.stdout}{verify.stderr}{log}"
    assert "journal intact" in verify.stdout, verify.stdout
