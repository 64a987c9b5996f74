"""An acknowledged write survives kill -9 of the server."""
from system_support import Server, run_binary


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
