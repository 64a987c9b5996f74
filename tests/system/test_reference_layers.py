"""The reference layers over real HTTP: gzip-compressed for a browser that accepts it, and revalidated
with their ETag instead of being downloaded again on every incident view (issue 16)."""
import gzip
import json
import urllib.request

from system_support import Server


def fetch(server, token, headers):
    request = urllib.request.Request(server.base + "/api/v1/layers/municipalities", headers={"Authorization": f"Bearer {token}", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_municipalities_layer_travels_compressed_and_is_revalidated_not_downloaded_again(tmp_path):
    server = Server(tmp_path)
    server.start()
    try:
        token = server.login("rws")
        status, headers, plain = fetch(server, token, {})
        assert status == 200 and "Content-Encoding" not in headers
        status, headers, packed = fetch(server, token, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(packed) == plain, "the same layer, compressed"
        assert len(packed) * 2 < len(plain)
        assert len(json.loads(plain)["features"]) == 342
        assert headers["Cache-Control"] == "private, max-age=86400"
        status, _, body = fetch(server, token, {"If-None-Match": headers["ETag"], "Accept-Encoding": "gzip"})
        assert status == 304 and body == b""
    finally:
        server.stop()
