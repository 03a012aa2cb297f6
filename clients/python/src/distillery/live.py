"""graphql-ws subscriptions (the ``graphql-transport-ws`` protocol the API speaks) over ``websockets``.

The socket lives in a background thread with its own asyncio loop, so a plain script and a Jupyter
kernel (which already runs a loop) use it the same way: events arrive on a thread-safe queue.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import queue
import threading
from dataclasses import dataclass
from typing import Any

import websockets

from ._api import operation
from .errors import DistilleryError, Forbidden, NetworkError, Unauthenticated, error_from_graphql


@dataclass
class LiveEvent:
    """``kind`` is next / error / complete for a subscription ``sub``, or closed for the socket."""

    kind: str
    sub: str | None
    data: Any = None
    error: DistilleryError | None = None


def close_error(code: int | None, reason: str) -> DistilleryError:
    """The error for a closed socket: 4401 Unauthenticated, 4403 Forbidden, anything else a NetworkError."""
    text = f"subscription socket closed ({code}{': ' + reason if reason else ''})"
    if code == 4401:
        return Unauthenticated(text)
    if code == 4403:
        return Forbidden(text)
    return NetworkError(text)


class LiveConnection:
    """One graphql-ws connection; ``subscribe`` adds operations, ``events`` yields what arrives."""

    def __init__(self, url: str, token: str | None, connect_timeout: float = 10.0) -> None:
        self.url = "ws" + url[4:] if url.startswith("http") else url
        self.token = token
        self.connect_timeout = connect_timeout
        self.events: queue.Queue[LiveEvent] = queue.Queue()
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._ws: Any = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="distillery-live", daemon=True)
        self._closed = False

    def start(self) -> "LiveConnection":
        """Connect and wait for connection_ack; raises the socket's error if it is refused."""
        self._thread.start()
        if not self._ready.wait(self.connect_timeout + 5):
            self.close()
            raise NetworkError(f"no connection_ack from {self.url} within {self.connect_timeout} s")
        if self._ws is None:
            ev = self.events.get_nowait()
            raise ev.error or NetworkError(f"cannot connect to {self.url}")
        return self

    def subscribe(self, name: str, variables: dict[str, Any]) -> str:
        """Start the subscription ``name`` (an operation of the generated API); returns its id."""
        sub = str(next(self._ids))
        msg = {
            "id": sub,
            "type": "subscribe",
            "payload": {"query": operation(name)["document"], "operationName": name, "variables": variables},
        }
        asyncio.run_coroutine_threadsafe(self._ws.send(json.dumps(msg)), self._loop).result(10)
        return sub

    def close(self) -> None:
        """Close the socket and stop the thread (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._ws is not None and self._loop.is_running():
            fut = asyncio.run_coroutine_threadsafe(self._ws.close(), self._loop)
            try:
                fut.result(5)
            except Exception:  # noqa: BLE001 - closing a broken socket may fail; the thread ends either way
                pass
        if self._thread.is_alive():
            self._thread.join(5)

    def __enter__(self) -> "LiveConnection":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._loop.close()

    async def _main(self) -> None:
        try:
            ws = await websockets.connect(  # type: ignore[attr-defined]
                self.url,
                subprotocols=["graphql-transport-ws"],
                open_timeout=self.connect_timeout,
                max_size=2**26,  # a backfill chunk holds 10,000 points
            )
            init = {"authorization": f"Bearer {self.token}"} if self.token else {}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            ack = json.loads(await asyncio.wait_for(ws.recv(), self.connect_timeout))
            if ack.get("type") != "connection_ack":
                raise NetworkError(f"expected connection_ack, got {ack.get('type')}")
        except websockets.ConnectionClosed as e:  # type: ignore[attr-defined]
            self.events.put(LiveEvent("closed", None, error=close_error(e.code, e.reason)))
            self._ready.set()
            return
        except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as e:  # type: ignore[attr-defined]
            self.events.put(LiveEvent("closed", None, error=NetworkError(f"cannot connect to {self.url}: {e}")))
            self._ready.set()
            return
        except DistilleryError as e:
            self.events.put(LiveEvent("closed", None, error=e))
            self._ready.set()
            return
        self._ws = ws
        self._ready.set()
        try:
            async for raw in ws:
                msg = json.loads(raw)
                kind = msg.get("type")
                if kind == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif kind == "next":
                    payload = msg.get("payload") or {}
                    if payload.get("errors"):
                        self.events.put(LiveEvent("error", msg["id"], error=error_from_graphql(payload["errors"])))
                    else:
                        self.events.put(LiveEvent("next", msg["id"], data=payload.get("data")))
                elif kind == "error":
                    self.events.put(LiveEvent("error", msg["id"], error=error_from_graphql(msg.get("payload") or [])))
                elif kind == "complete":
                    self.events.put(LiveEvent("complete", msg["id"]))
            self.events.put(LiveEvent("closed", None, error=close_error(ws.close_code, ws.close_reason or "")))
        except websockets.ConnectionClosed as e:  # type: ignore[attr-defined]
            self.events.put(LiveEvent("closed", None, error=close_error(e.code, e.reason)))
