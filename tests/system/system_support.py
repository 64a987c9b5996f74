"""Helpers for system tests that run the real knooppunt binary."""
import contextlib
import json
import os
import pathlib
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("KNOOPPUNT_BIN", ROOT / ".build" / "debug" / "knooppunt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_port_run(count: int) -> int:
    """The first of `count` consecutive free ports, below the kernel's ephemeral range (32768–60999 here), so a
    client socket of another test cannot take one of them between choosing and binding."""
    import random
    for _ in range(200):
        first = random.randrange(20000, 32000 - count)
        sockets = []
        try:
            for port in range(first, first + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError(f"no {count} consecutive free ports")


class Server:
    """One `knooppunt serve` process on a data folder; start, kill and restart it."""

    def __init__(self, data_dir: pathlib.Path, database_url: str | None = None, extra: tuple = ()):
        self.data_dir = data_dir
        self.port = free_port()
        self.process = None
        self.database_url = database_url
        self.extra = list(extra)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, demo: bool = True):
        assert BINARY.exists(), f"build the server first (swift build); looked for {BINARY}"
        env = dict(os.environ, KNOOPPUNT_BCRYPT_COST="10")
        env.pop("KNOOPPUNT_DATABASE_URL", None)
        if self.database_url:
            env["KNOOPPUNT_DATABASE_URL"] = self.database_url
        args = [str(BINARY), "serve", "--port", str(self.port), "--data-dir", str(self.data_dir), *self.extra]
        if demo:
            args.append("--demo")
        self.log = open(self.data_dir / "server.log", "a")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _ = self.request("GET", "/api/v1/health")
                if status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start:\n" + (self.data_dir / "server.log").read_text())
            time.sleep(0.2)

    def kill(self):
        """SIGKILL: no chance to flush or shut down cleanly."""
        self.process.kill()
        self.process.wait(timeout=30)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()

    def request(self, method, path, body=None, token=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return response.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            return error.code, (json.loads(text) if text else None)

    def login(self, username, password="demo"):
        status, body = self.request("POST", "/api/v1/session", {"username": username, "password": password})
        assert status == 201, body
        return body["token"]


def run_binary(*args, stdin=None):
    env = dict(os.environ, KNOOPPUNT_BCRYPT_COST="10")
    env.pop("KNOOPPUNT_DATABASE_URL", None)
    return subprocess.run([str(BINARY), *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def postgres_admin_url() -> str:
    """The PostgreSQL server the tests may make scratch databases on (scripts/test sets it)."""
    url = os.environ.get("KNOOPPUNT_TEST_DATABASE_URL")
    assert url, "set KNOOPPUNT_TEST_DATABASE_URL to a PostgreSQL server (scripts/test does, from scripts/postgres-test-server)"
    return url


@contextlib.contextmanager
def scratch_postgres_database(prefix: str = "knooppunt_system_"):
    """A new, empty PostgreSQL database; yields its URL and drops it afterwards."""
    admin = postgres_admin_url()
    name = prefix + uuid.uuid4().hex
    subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {name} TEMPLATE template0"], check=True)
    try:
        parts = urllib.parse.urlsplit(admin)
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def verify_journal(data_dir: pathlib.Path, database_url: str | None = None) -> subprocess.CompletedProcess:
    """`knooppunt verify-journal` on the SQLite file in data_dir, or on the PostgreSQL database."""
    args = ["verify-journal", "--data-dir", str(data_dir)]
    if database_url:
        args += ["--database-url", database_url]
    return run_binary(*args)
