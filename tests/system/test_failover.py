"""Failover of a region's node on PostgreSQL, with real PostgreSQL processes: a primary with a synchronous
streaming-replication standby; the regional node writes through the primary while its only peer (the
national node) is down, so signed messages pile up in its outbox; the primary's PostgreSQL and the node
are killed (SIGKILL) in the middle of a stream of writes; the standby is promoted and the node started on
it. Every acknowledged write is there, the node is the same node (key pair), its outbox holds the same
messages under the same ids and numbers, the journal is intact, it takes new writes, the national node
receives every message once and in order when it comes up, and a new standby cloned from the promoted
server becomes its synchronous standby. The steps are those of docs/operations.md ("Failover of a
region's node (PostgreSQL)") and use scripts/postgres-standby.

The test starts its own two PostgreSQL clusters in a temporary folder, on free ports on 127.0.0.1 and a
socket in that folder; it does not touch the Debian cluster of scripts/postgres-test-server."""
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import pytest

from system_support import ROOT, Server, free_port, run_binary

SCRIPT = ROOT / "scripts" / "postgres-standby"
VERSIONS = sorted((p for p in pathlib.Path("/usr/lib/postgresql").glob("*") if (p / "bin" / "postgres").exists()),
                  key=lambda p: [int(part) for part in re.findall(r"\d+", p.name)])
PG_BIN = VERSIONS[-1] / "bin" if VERSIONS else None
KNOOPPUNT_PASSWORD = "knooppunt-failover"
REPLICATOR_PASSWORD = "replicator-failover"
# `on` waits for the standby to have flushed the commit's WAL to disk; promotion applies all of it
# before the server takes writes, so that is enough for "no acknowledged write lost" (see the doc).
SYNCHRONOUS_COMMIT = "on"

pytestmark = [
    pytest.mark.skipif(PG_BIN is None, reason="PostgreSQL server binaries not installed (scripts/setup test installs postgresql)"),
    pytest.mark.skipif(os.geteuid() != 0, reason="runs PostgreSQL as the postgres user, so it must start as root (scripts/test does)"),
]


def wait_for(what, condition, within=60, every=0.2):
    """Polls `condition` until it returns something truthy, which it returns; fails naming `what` after
    `within` seconds (a deadline against a hung run, not a timing assertion)."""
    deadline = time.monotonic() + within
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {within} s")
        time.sleep(every)


class Cluster:
    """One PostgreSQL server process on a data folder in `workdir`, run as the postgres user, listening on
    127.0.0.1:port and on a socket in `workdir` only."""

    def __init__(self, workdir: pathlib.Path, name: str):
        self.workdir = workdir
        self.name = name
        self.datadir = workdir / name
        self.port = free_port()
        self.logfile = workdir / f"{name}.log"
        self.process = None

    @property
    def env(self):
        """What a client run as the postgres user needs to reach this server."""
        return {"PATH": f"{PG_BIN}:/usr/bin:/bin", "HOME": str(self.workdir), "LANG": "C.UTF-8", "PG_BINDIR": str(PG_BIN),
                "PGHOST": str(self.workdir), "PGPORT": str(self.port), "PGUSER": "postgres", "PGDATABASE": "postgres"}

    def run(self, *args, check=True, extra_env=None, timeout=120):
        """A command as the postgres user, against this server."""
        result = subprocess.run([str(a) for a in args], user="postgres", group="postgres", extra_groups=[], cwd=self.workdir,
                                env={**self.env, **(extra_env or {})}, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def sql(self, query, database="postgres"):
        return self.run(PG_BIN / "psql", "-X", "-qtA", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", query).stdout.strip()

    def script(self, *args, extra_env=None):
        """scripts/postgres-standby against this server."""
        return self.run(SCRIPT, *args, extra_env=extra_env).stdout

    def initdb_primary(self):
        self.run(PG_BIN / "initdb", "-D", self.datadir, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                 "--encoding=UTF8", "--no-locale", "--no-sync")
        with open(self.datadir / "postgresql.conf", "a") as conf:
            conf.write(f"""
# Knooppunt failover test: a primary that a synchronous standby streams from.
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
max_slot_wal_keep_size = '1GB'
wal_log_hints = on
hot_standby = on
synchronous_commit = {SYNCHRONOUS_COMMIT}
log_line_prefix = '%m [%p] %q%a '
""")

    def start(self):
        # Port and socket on the command line: a standby's data folder is a copy of the primary's.
        self.log = open(self.logfile, "a")
        self.process = subprocess.Popen(
            [str(PG_BIN / "postgres"), "-D", str(self.datadir), "-p", str(self.port), "-k", str(self.workdir),
             "-c", "listen_addresses=127.0.0.1"],
            user="postgres", group="postgres", extra_groups=[], cwd=self.workdir, env=self.env, stdout=self.log,
            stderr=subprocess.STDOUT)

        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"PostgreSQL {self.name} exited:\n{self.logfile.read_text()}")
            return self.run(PG_BIN / "pg_isready", "-q", check=False).returncode == 0
        wait_for(f"PostgreSQL {self.name} accepting connections", ready)

    def url(self):
        return f"postgres://knooppunt:{KNOOPPUNT_PASSWORD}@127.0.0.1:{self.port}/knooppunt"

    def _children(self):
        children = []
        for entry in pathlib.Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    children.append(int(entry.name))
        return children

    def _shared_memory_id(self):
        try:
            lines = (self.datadir / "postmaster.pid").read_text().splitlines()
            return int(lines[6].split()[1])
        except (OSError, IndexError, ValueError):
            return None

    def kill(self):
        """SIGKILL the postmaster and every backend at once, as when the machine dies: the postmaster is
        stopped first so that it neither forks nor reacts, then all of them are killed."""
        if self.process is None or self.process.poll() is not None:
            return
        shmid = self._shared_memory_id()
        os.kill(self.process.pid, signal.SIGSTOP)
        children = self._children()
        os.kill(self.process.pid, signal.SIGKILL)
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=30)

        def gone(pid):
            try:
                return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
            except OSError:
                return True
        wait_for(f"every process of PostgreSQL {self.name} gone", lambda: all(gone(pid) for pid in children), within=30)
        if shmid is not None:  # what the killed postmaster left behind
            subprocess.run(["ipcrm", "-m", str(shmid)], capture_output=True)
        self.log.close()

    def stop(self):
        """Immediate shutdown (SIGQUIT), then SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=20)
            self.log.close()
        except subprocess.TimeoutExpired:
            self.kill()


@pytest.fixture
def pg_workdir():
    """A folder the postgres user owns for the clusters' data and sockets; every server started in it is
    stopped and the folder removed afterwards, also when the test fails."""
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="knooppunt-failover-"))
    shutil.chown(workdir, "postgres", "postgres")
    clusters = []

    def cluster(name):
        made = Cluster(workdir, name)
        clusters.append(made)
        return made

    yield cluster
    for made in clusters:
        made.stop()
    for made in clusters:
        if made.logfile.exists():
            print(f"---- PostgreSQL {made.name} log (tail)\n" + "\n".join(made.logfile.read_text().splitlines()[-40:]))
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def servers():
    """knooppunt serve processes, each stopped afterwards (SIGTERM), also when the test fails."""
    started = []

    def server(folder, **options):
        folder.mkdir(exist_ok=True)
        made = Server(folder, **options)
        started.append(made)
        return made

    yield server
    for made in started:
        if made.process is not None and made.process.poll() is None:
            made.process.terminate()
            try:
                made.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                made.process.kill()
                made.process.wait(timeout=30)
    for made in started:
        log = made.data_dir / "server.log"
        if log.exists():
            print(f"---- {made.data_dir.name} server log (tail)\n" + "\n".join(log.read_text().splitlines()[-40:]))


def knooppunt(*args):
    result = run_binary(*args)
    assert result.returncode == 0, f"knooppunt {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def outbox(url):
    return json.loads(knooppunt("node", "outbox", "--json", "--database-url", url))


def replication(cluster):
    return cluster.sql("SELECT application_name || ' ' || state || ' ' || sync_state FROM pg_stat_replication")


class Writer(threading.Thread):
    """The region's information manager writing without pause: entries on the demo incident, and every
    third write a new title for it (which queues an incident summary for the national node). Keeps what
    was acknowledged (201/200) and what was sent but not acknowledged when the node went away."""

    def __init__(self, server, token, incident, version):
        super().__init__(daemon=True)
        self.server, self.token, self.incident, self.version = server, token, incident, version
        self.acknowledged = []   # ("entry", text) or ("title", title), in order
        self.unacknowledged = None
        self.ended_by = None

    def run(self):
        number = 0
        while True:
            number += 1
            if number % 3 == 0:
                write = ("title", f"Hoogwater Amstel, peilmeting {number}")
                call = ("PATCH", f"/api/v1/incidents/{self.incident}", {"baseVersion": self.version, "title": write[1]})
            else:
                write = ("entry", f"Peilmeting {number}: waterstand Ouderkerk gestegen")
                call = ("POST", f"/api/v1/incidents/{self.incident}/entries",
                        {"theme": "algemeen", "text": write[1], "source": "waterschap"})
            self.unacknowledged = write
            try:
                status, body = self.server.request(*call, token=self.token)
            except OSError as error:
                self.ended_by = f"no answer: {error}"
                return
            if status not in (200, 201):
                self.ended_by = f"{status}: {body}"
                return
            if write[0] == "title":
                self.version = body["version"]
            self.acknowledged.append(write)
            self.unacknowledged = None


def replicated_pair(pg_workdir):
    """A primary (db_a) and a synchronous standby (db_b) cloned from it with scripts/postgres-standby,
    streaming; the primary holds the node's database and role."""
    primary, standby = pg_workdir("db_a"), pg_workdir("db_b")
    primary.initdb_primary()
    primary.start()
    primary.sql(f"CREATE ROLE replicator LOGIN REPLICATION PASSWORD '{REPLICATOR_PASSWORD}'")
    primary.sql(f"CREATE ROLE knooppunt LOGIN PASSWORD '{KNOOPPUNT_PASSWORD}'")
    primary.sql("CREATE DATABASE knooppunt OWNER knooppunt")
    clone(standby, primary, "db_b")
    primary.script("sync", "db_b")
    assert replication(primary) == "db_b streaming sync"
    assert primary.sql("SHOW synchronous_commit") == SYNCHRONOUS_COMMIT
    assert standby.sql("SELECT pg_is_in_recovery()") == "t"
    return primary, standby


def clone(standby, primary, name):
    """A standby called `name`, cloned from `primary` into its empty folder, started."""
    standby.run(SCRIPT, "clone", f"host=127.0.0.1 port={primary.port} user=replicator", name, standby.datadir,
                extra_env={"PGPASSWORD": REPLICATOR_PASSWORD})
    standby.start()


def national_node_down(servers, folder):
    """The national node with its identity, its port reserved but nothing listening yet; and its key."""
    kcr2 = servers(folder, extra=("--role", "national"))
    knooppunt("migrate", "--data-dir", str(kcr2.data_dir))
    key = re.search(r"public key (\S+)", knooppunt("node", "init", "--name", "kcr2", "--data-dir", str(kcr2.data_dir))).group(1)
    return kcr2, key


def regional_node(url, kcr2, kcr2_key, public_url):
    """VR13's database at `url`: migrated, its identity made, trusting the national node, which trusts it
    back. Returns what `node show` prints and the public key."""
    knooppunt("migrate", "--database-url", url)
    knooppunt("node", "init", "--name", "vr13", "--database-url", url)
    knooppunt("node", "trust", "kcr2", kcr2.base, kcr2_key, "--national", "--database-url", url)
    identity = knooppunt("node", "show", "--database-url", url)
    key = re.search(r"public key (\S+)", identity).group(1)
    knooppunt("node", "trust", "vr13", public_url, key, "--regional", "--data-dir", str(kcr2.data_dir))
    return identity, key


def wait_until_kcr2_has_everything(kcr2, url):
    """Until VR13's outbox is delivered; then the national node applied exactly what VR13 sent, in order."""
    wait_for("VR13's outbox delivered", lambda: all(m["delivered"] for m in outbox(url)), within=120, every=0.5)
    sent = [(m["sequence"], m["message"]) for m in outbox(url)]
    applied = [(m["sequence"], m["message"])
               for m in json.loads(knooppunt("node", "inbox", "--peer", "vr13", "--data-dir", str(kcr2.data_dir)))]
    assert applied == sent


def test_a_promoted_standby_keeps_every_acknowledged_write_the_identity_and_the_outbox(pg_workdir, servers, tmp_path):
    started = time.monotonic()
    timings = {}

    # --- setup: a primary and a synchronous standby, streaming
    primary, standby = replicated_pair(pg_workdir)
    timings["clusters"] = time.monotonic() - started

    # The national node is down; the regional node VR13 runs on the primary with the demo data.
    kcr2, kcr2_key = national_node_down(servers, tmp_path / "kcr2")
    url = primary.url()
    vr13 = servers(tmp_path / "vr13", database_url=url, extra=("--role", "region", "--region", "VR13"))
    identity, vr13_key = regional_node(url, kcr2, kcr2_key, vr13.base)
    vr13.start()
    token = vr13.login("im-vr13")
    status, incidents = vr13.request("GET", "/api/v1/incidents", token=token)
    assert status == 200 and len(incidents) == 1, incidents
    incident = incidents[0]
    entries_before = {e["text"] for e in vr13.request("GET", f"/api/v1/incidents/{incident['id']}/picture", token=token)[1]["entries"]}
    versions_before = len(vr13.request("GET", f"/api/v1/incidents/{incident['id']}/versions", token=token)[1])
    # Only incident summaries are counted: the node also sends its fallback copy and journal
    # checkpoints to the national node, on their own schedule.
    queued_before = sum(1 for m in outbox(url) if m["kind"] == "incident-summary")
    timings["node up"] = time.monotonic() - started

    # --- MUT: a stream of acknowledged writes; messages wait (the national node is down and delivery
    # was tried); the outbox is read, more writes follow, and in the middle of them the primary's
    # PostgreSQL and the node are killed
    writer = Writer(vr13, token, incident["id"], incident["version"])
    writer.start()

    def written(condition):
        assert writer.ended_by is None, f"a write before the kill failed: {writer.ended_by}"
        return condition()
    wait_for("15 acknowledged writes and a message that could not be delivered", lambda: written(
        lambda: len(writer.acknowledged) >= 15 and any(not m["delivered"] and m["attempts"] >= 1 for m in outbox(url))))
    snapshot = outbox(url)
    acknowledged_at_snapshot = len(writer.acknowledged)
    wait_for("more writes after the outbox was read", lambda: written(lambda: len(writer.acknowledged) >= acknowledged_at_snapshot + 10))
    primary.kill()
    vr13.kill()
    writer.join(timeout=60)
    assert not writer.is_alive()
    acknowledged = list(writer.acknowledged)
    in_flight = writer.unacknowledged
    timings["killed"] = time.monotonic() - started

    # Promote the standby (it applies every WAL record it received first) and start the node on it.
    promoted = standby
    promoted.script("promote")
    assert promoted.sql("SELECT pg_is_in_recovery()") == "f"
    url = promoted.url()
    vr13.database_url = url
    vr13.start(demo=False)
    timings["promoted and node up"] = time.monotonic() - started

    # --- assert: every acknowledged write is there; an unacknowledged one may be, nothing else is.
    # The IM's session is in the database too: the token from before the failover still works.
    status, me = vr13.request("GET", "/api/v1/me", token=token)
    assert status == 200, me
    status, picture = vr13.request("GET", f"/api/v1/incidents/{incident['id']}/picture", token=token)
    assert status == 200, picture
    present = {e["text"] for e in picture["entries"]} - entries_before
    acknowledged_entries = [text for kind, text in acknowledged if kind == "entry"]
    missing = [text for text in acknowledged_entries if text not in present]
    assert not missing, f"acknowledged entries lost in the failover: {missing}"
    assert present - set(acknowledged_entries) <= ({in_flight[1]} if in_flight and in_flight[0] == "entry" else set())
    status, versions = vr13.request("GET", f"/api/v1/incidents/{incident['id']}/versions", token=token)
    assert status == 200, versions
    titles = [v["title"] for v in versions][versions_before:]
    acknowledged_titles = [text for kind, text in acknowledged if kind == "title"]
    assert titles[:len(acknowledged_titles)] == acknowledged_titles, "acknowledged title changes lost or out of order"
    assert titles[len(acknowledged_titles):] in ([], [in_flight[1]] if in_flight and in_flight[0] == "title" else [])

    # The same node: name, key pair and trusted peers.
    assert knooppunt("node", "show", "--database-url", url) == identity
    status, node = vr13.request("GET", "/api/v1/federation/node")
    assert status == 200 and node["publicKey"] == vr13_key, node

    # The same outbox: what waited before the kill waits now, under the same ids and numbers, and every
    # acknowledged title change queued its summary (an unacknowledged one may have, too).
    after = outbox(url)
    by_sequence = {m["sequence"]: m for m in after}
    for message in snapshot:
        kept = by_sequence.get(message["sequence"])
        assert kept is not None, f"message {message} lost"
        assert (kept["message"], kept["peer"], kept["kind"], kept["delivered"]) == \
            (message["message"], message["peer"], message["kind"], message["delivered"])
        assert kept["attempts"] >= message["attempts"]
    assert [m["sequence"] for m in after] == list(range(1, len(after) + 1))
    assert all(m["peer"] == "kcr2" and not m["delivered"] for m in after)
    queued = sum(1 for m in after if m["kind"] == "incident-summary") - queued_before
    assert queued in (len(acknowledged_titles), len(acknowledged_titles) + (1 if in_flight and in_flight[0] == "title" else 0)), \
        f"{queued} summaries queued for {len(acknowledged_titles)} acknowledged title changes"

    verify = run_binary("verify-journal", "--database-url", url)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "journal intact" in verify.stdout

    # New writes work on the promoted server.
    status, entry = vr13.request("POST", f"/api/v1/incidents/{incident['id']}/entries",
                                 {"theme": "algemeen", "text": "Na de failover: dijkbewaking gestart", "source": "waterschap"}, token=token)
    assert status == 201, entry
    status, current = vr13.request("GET", f"/api/v1/incidents/{incident['id']}", token=token)
    status, changed = vr13.request("PATCH", f"/api/v1/incidents/{incident['id']}",
                                   {"baseVersion": current["version"], "title": "Hoogwater Amstel, na de failover"}, token=token)
    assert status == 200, changed
    assert [m["sequence"] for m in outbox(url)] == list(range(1, len(after) + 2))
    timings["checked"] = time.monotonic() - started

    # The national node comes up: it receives every message once, in order; to it, VR13 was only silent.
    kcr2.start(demo=False)
    wait_until_kcr2_has_everything(kcr2, url)
    timings["delivered to kcr2"] = time.monotonic() - started

    # A new standby, cloned from the promoted server, becomes its synchronous standby; an acknowledged
    # write is then on both.
    rebuilt = pg_workdir("db_a_rebuilt")
    clone(rebuilt, promoted, "db_a")
    promoted.script("sync", "db_a")
    assert replication(promoted) == "db_a streaming sync"
    status, entry = vr13.request("POST", f"/api/v1/incidents/{incident['id']}/entries",
                                 {"theme": "algemeen", "text": "Nieuwe standby: synchroon", "source": "waterschap"}, token=token)
    assert status == 201, entry
    wait_for("the acknowledged write readable on the new standby",
             lambda: rebuilt.sql("SELECT count(*) FROM entry_versions WHERE text = 'Nieuwe standby: synchroon'", database="knooppunt") == "1")
    timings["new standby"] = time.monotonic() - started

    survived = in_flight is not None and (in_flight[1] in present or in_flight[1] in titles)
    print(f"failover: {len(acknowledged)} writes acknowledged before the kill ({len(acknowledged_titles)} title changes), "
          f"{len(snapshot)} messages waiting when read, {len(after)} after promotion; unacknowledged at the kill: {in_flight} "
          f"({'committed all the same' if survived else 'not committed'}); writer ended by: {writer.ended_by}")
    print("timings (s since start): " + ", ".join(f"{name} {value:.1f}" for name, value in timings.items()))
