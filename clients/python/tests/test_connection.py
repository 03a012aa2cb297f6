"""Connection resolution (as the CLI's) and transport errors, without an API."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

import distillery
from distillery import transport
from distillery.config import ConfigError, config_path, resolve_connection


def test_config_path_follows_xdg_then_home(tmp_path: Path) -> None:
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path / "x"), "HOME": "/h"}) == tmp_path / "x/distillery/config.json"
    assert config_path({"HOME": str(tmp_path)}) == tmp_path / ".config/distillery/config.json"


def test_arguments_then_environment_then_the_stored_login(tmp_path: Path) -> None:
    stored = tmp_path / "distillery" / "config.json"
    stored.parent.mkdir(parents=True)
    stored.write_text(json.dumps({"url": "http://stored/graphql", "token": "dst_stored", "project": "p1"}))
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert resolve_connection(env=env) == distillery.config.Connection("http://stored/graphql", "dst_stored", "p1")
    env2 = {**env, "DISTILLERY_API_URL": "http://env/graphql", "DISTILLERY_TOKEN": "dst_env"}
    c = resolve_connection(env=env2)
    assert (c.url, c.token, c.project) == ("http://env/graphql", "dst_env", "p1")
    c = resolve_connection(url="http://arg/graphql", project="p2", env=env2)
    assert (c.url, c.token, c.project) == ("http://arg/graphql", "dst_env", "p2")
    assert resolve_connection(env={"HOME": str(tmp_path / "nobody")}).url == distillery.DEFAULT_API_URL


def test_a_malformed_login_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    stored = tmp_path / "distillery" / "config.json"
    stored.parent.mkdir(parents=True)
    stored.write_text("{not json")
    with pytest.raises(ConfigError) as e:
        resolve_connection(env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert str(stored) in str(e.value) and e.value.code == "CONFIG"


def test_an_unreachable_api_is_a_network_error() -> None:
    with socket.socket() as s:  # a port nobody listens on: bind, read it, close
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = distillery.Client(url=f"http://127.0.0.1:{port}/graphql", token="dst_x", project="p")
    client.transport.attempts = 1
    with pytest.raises(distillery.NetworkError) as e:
        client.execute("Projects")
    assert e.value.code == "NETWORK" and e.value.transient and isinstance(e.value, ConnectionError)


def _closing_keep_alive_server(idle_s: float) -> tuple[socket.socket, list[int]]:
    """A GraphQL stand-in advertising ``Keep-Alive: timeout=idle_s`` that, like a server whose idle timer fires
    as the request arrives, drops a kept-alive connection unanswered once it has idled that long."""
    listener = socket.create_server(("127.0.0.1", 0))
    served: list[int] = []  # the connection number of each answered request

    def serve(conn: socket.socket, number: int) -> None:
        with conn:
            last = None
            for _ in range(20):
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                lengths = [ln.split(b":")[1] for ln in head.split(b"\r\n") if ln.lower().startswith(b"content-length")]
                length = int(lengths[0]) if lengths else 0
                while len(body) < length:
                    body += conn.recv(65536)
                if last is not None and time.monotonic() - last >= idle_s:
                    return  # closed without an answer: the race the client must not walk into
                payload = b'{"data":{"projects":[]}}'
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: keep-alive\r\n"
                    + f"keep-alive: timeout={idle_s:g}\r\ncontent-length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                served.append(number)
                last = time.monotonic()

    def accept() -> None:
        for number in range(10):
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn, number), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener, served


def test_an_idle_connection_is_not_reused_past_the_servers_keep_alive() -> None:
    listener, served = _closing_keep_alive_server(3.0)
    with listener:
        port = listener.getsockname()[1]
        client = distillery.Client(url=f"http://127.0.0.1:{port}/graphql", token="dst_x", project="p")
        client.transport.attempts = 1
        client.execute("Projects")
        client.execute("Projects")  # at once: the kept-alive connection is reused
        time.sleep(3.2)  # idle past the advertised timeout, with the server's side still open
        client.execute("Projects")  # a mutation here could not be retried: it must go on a new connection
        assert served == [0, 0, 1]
    assert transport.keep_alive_seconds("timeout=5, max=100") == 5.0 and transport.keep_alive_seconds(None) is None
