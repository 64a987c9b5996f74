"""Raw HTTP against a real `knooppunt serve`, for hostile-input tests.

Requests are written to the socket byte for byte (no client library tidies a header, a path or a body on
the way), every exchange is bounded in time by the socket timeout, and a server that a request stopped is
started again so that one crash is reported by the case that caused it and not by every case after it.
"""
import dataclasses
import http.client
import json
import pathlib
import socket
import threading
import time

from system_support import Server

# The most one request may take, answer included. A debug build answers the slowest legitimate request
# in this suite (a CAP alert checked against its schema) in well under a second.
REQUEST_BOUND = 10.0


@dataclasses.dataclass
class Reply:
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes
    elapsed: float
    error: str | None = None

    def header(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def describe(self) -> str:
        if self.status is None:
            return f"no answer after {self.elapsed:.1f} s ({self.error})"
        excerpt = self.text[:600] + ("…" if len(self.body) > 600 else "")
        return f"{self.status} in {self.elapsed:.2f} s, Content-Type {self.header('Content-Type')!r}: {excerpt}"


def exchange(port: int, raw: bytes, method: str = "GET", bound: float = REQUEST_BOUND) -> Reply:
    """Sends `raw` as it is and reads one response; `status` is None when none came within `bound`."""
    start = time.monotonic()
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=bound)
    except OSError as error:
        return Reply(None, [], b"", time.monotonic() - start, f"could not connect: {error!r}")
    try:
        sock.settimeout(bound)
        try:
            sock.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # a server may answer (413, 431) and close before it has read everything; read that answer
        response = http.client.HTTPResponse(sock, method=method)
        try:
            response.begin()
            body = response.read()
        except (TimeoutError, socket.timeout):
            return Reply(None, [], b"", time.monotonic() - start, f"no answer within {bound} s")
        except (http.client.HTTPException, ConnectionError, OSError) as error:
            return Reply(None, [], b"", time.monotonic() - start, f"connection ended without a response: {error!r}")
        return Reply(response.status, response.getheaders(), body, time.monotonic() - start)
    finally:
        sock.close()


def build(method: str, target: str, port: int, headers=(), body: bytes | None = None) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + (body or b"")


class Node:
    """The node under attack: one `knooppunt serve` on a data folder, with its log at hand."""

    def __init__(self, data_dir: pathlib.Path, extra: tuple = ()):
        self.server = Server(data_dir, extra=extra)
        self.log_path = data_dir / "server.log"
        self.crashes: list[str] = []

    @property
    def port(self) -> int:
        return self.server.port

    def start(self, demo: bool = True):
        self.server.start(demo=demo)

    def stop(self):
        self.server.stop()

    def alive(self) -> bool:
        return self.server.process is not None and self.server.process.poll() is None

    def revive(self, why: str):
        """Starts the server again after a case stopped it, so later cases test something."""
        if self.alive():
            return
        self.crashes.append(f"{why}: exit status {self.server.process.returncode}")
        self.server.log.close()
        self.server.start(demo=False)

    def log_offset(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int, limit: int = 4000) -> str:
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            text = log.read().decode("utf-8", errors="replace")
        return text if len(text) <= limit else "…" + text[-limit:]

    def send(self, method: str, target: str, body: bytes | None = None, content_type: str | None = None,
             token: str | None = None, cookie: str | None = None, headers=(), bound: float = REQUEST_BOUND) -> Reply:
        all_headers = []
        if content_type is not None:
            all_headers.append(("Content-Type", content_type))
        if token:
            all_headers.append(("Authorization", f"Bearer {token}"))
        if cookie:
            all_headers.append(("Cookie", cookie))
        all_headers += list(headers)
        if body is None and method in ("POST", "PUT", "PATCH"):
            body = b""
        return exchange(self.port, build(method, target, self.port, all_headers, body), method, bound)

    def healthy(self) -> Reply:
        return self.send("GET", "/api/v1/health")


class Canary:
    """A listener on loopback that external entities, DTDs and XIncludes point at: any connection to it
    means the server fetched something a document named."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(1)
                try:
                    request = connection.recv(4096)
                except OSError:
                    request = b""
                self.hits.append(request or b"(connected)")
                body = b'<!ENTITY % send "canary">'
                try:
                    connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                except OSError:
                    pass

    def close(self):
        self._stop.set()
        self.socket.close()
        self._thread.join(timeout=2)
