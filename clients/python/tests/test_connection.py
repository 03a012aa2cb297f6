"""Connection resolution (as the CLI's) and transport errors, without an API."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

import distillery
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
