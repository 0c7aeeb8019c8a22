"""A real headless Chromium for tests and benchmarks, driven over the DevTools protocol.

Debian's ``chromium`` package is started with ``--remote-debugging-pipe``: the DevTools
protocol (CDP) then runs over two pipes (the browser reads commands on fd 3 and writes
replies and events on fd 4, each message a JSON text ended by a NUL byte), so no port is
opened, no driver binary is needed and nothing can be downloaded behind our back (which
selenium-manager would try when a chromedriver is missing).  The flags are those of
DESIGN.md §5 plus a fresh profile; every page also has its network switched off by CDP, so a
view that tried to reach a CDN would fail the test, not silently load from it.

WebGL: ``--disable-gpu`` leaves WebGL to SwiftShader, Chromium's software renderer, which
recent Chromium only offers when asked (``--enable-unsafe-swiftshader``); sigma.js needs it.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

CHROMIUM_CANDIDATES: Final = ("chromium", "chromium-browser", "google-chrome")
FLAGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--enable-unsafe-swiftshader",
    "--remote-debugging-pipe",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-sync",
    "--mute-audio",
    "--hide-scrollbars",
)
_TIMEOUT: Final = 30.0


class Unavailable(Exception):
    """No Chromium on this machine."""


class BrowserError(Exception):
    """The browser answered a command with an error, or did not answer in time."""


def find_chromium() -> str:
    """The Chromium binary: ``$KG_CHROMIUM``, else the first of the usual names on PATH."""
    configured = os.environ.get("KG_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise Unavailable("no chromium on PATH (Debian: apt-get install chromium)")


@dataclass
class _Pending:
    done: threading.Event = field(default_factory=threading.Event)
    reply: dict[str, Any] = field(default_factory=dict)


class Chromium:
    """One browser process; :meth:`new_page` opens tabs driven by :class:`Page`."""

    def __init__(self, binary: str | None = None) -> None:
        self.binary = binary or find_chromium()
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        # Pipe ends moved above fd 10 so that placing them on 3 and 4 in the child cannot
        # overwrite one with the other.
        commands_read, commands_write = os.pipe()
        events_read, events_write = os.pipe()
        child_read = fcntl.fcntl(commands_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(events_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(commands_read)
        os.close(events_write)

        def place_pipes() -> None:  # runs in the child between fork and exec
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self.process = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 must survive exec; everything else is CLOEXEC
            preexec_fn=place_pipes,  # only dup2 calls: safe between fork and exec
        )
        os.close(child_read)
        os.close(child_write)
        self._out = os.fdopen(commands_write, "wb", buffering=0)
        self._in = os.fdopen(events_read, "rb", buffering=0)
        self._write_lock = threading.Lock()
        self._next_id = 0
        self._pending: dict[int, _Pending] = {}
        self._listeners: dict[str, list[Callable[[dict[str, Any]], None]]] = {}
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()
        self.version = self.send("Browser.getVersion")["product"]

    # -- protocol ------------------------------------------------------------------------

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = _TIMEOUT,
    ) -> dict[str, Any]:
        """Send one command and wait for its reply; BrowserError on an error reply."""
        pending = _Pending()
        with self._write_lock:
            self._next_id += 1
            number = self._next_id
            self._pending[number] = pending
            message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            self._out.write(json.dumps(message).encode() + b"\0")
        if not pending.done.wait(timeout):
            raise BrowserError(f"{method}: no reply within {timeout} s")
        if "error" in pending.reply:
            raise BrowserError(f"{method}: {pending.reply['error']}")
        result: dict[str, Any] = pending.reply.get("result", {})
        return result

    def post(self, method: str, params: dict[str, Any], *, session: str | None = None) -> None:
        """Send a command without waiting (safe from the reader thread)."""
        with self._write_lock:
            self._next_id += 1
            message = {"id": self._next_id, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            self._out.write(json.dumps(message).encode() + b"\0")

    def listen(self, session: str, handler: Callable[[dict[str, Any]], None]) -> None:
        """Call ``handler`` with every event of ``session`` (on the reader thread)."""
        self._listeners.setdefault(session, []).append(handler)

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._in.read(1 << 16)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                for pending in self._pending.values():
                    pending.reply = {"error": "the browser closed the connection"}
                    pending.done.set()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    waiting = self._pending.pop(message["id"], None)
                    if waiting is not None:
                        waiting.reply = message
                        waiting.done.set()
                else:
                    for handler in self._listeners.get(message.get("sessionId", ""), []):
                        handler(message)

    # -- pages ---------------------------------------------------------------------------

    def new_page(self, width: int = 1280, height: int = 800) -> Page:
        """A new tab with its network off, listening for console errors and requests."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, target, session)
        page.start(width, height)
        return page

    def close(self) -> None:
        """Close the browser and remove its profile."""
        with suppress(BrowserError, OSError, ValueError):
            self.post("Browser.close", {})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with suppress(OSError):
            self._out.close()
        self._reader.join(timeout=5)
        with suppress(OSError):
            self._in.close()
        shutil.rmtree(self._profile, ignore_errors=True)


class Page:
    """One tab: navigate, evaluate JavaScript, click, type, take screenshots."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session
        self.errors: list[str] = []  # console errors, uncaught exceptions, error log entries
        self.requests: list[str] = []  # every URL the page asked for
        self.dialogs: list[str] = []  # alert/confirm/prompt messages (dismissed at once)
        self._loaded = threading.Event()
        browser.listen(session, self._on_event)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def start(self, width: int, height: int) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def _on_event(self, message: dict[str, Any]) -> None:
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
            self.errors.append("console: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            description = details.get("exception", {}).get("description", details.get("text"))
            self.errors.append(f"exception: {description}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(f"log: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params["message"])
            self.browser.post(
                "Page.handleJavaScriptDialog", {"accept": False}, session=self.session
            )
        elif method == "Page.loadEventFired":
            self._loaded.set()

    def open(self, path: Path, timeout: float = _TIMEOUT) -> None:
        """Load a local file and wait for its load event."""
        self._loaded.clear()
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        if not self._loaded.wait(timeout):
            raise BrowserError(f"{path}: no load event within {timeout} s")

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """The JSON value of a JavaScript expression; BrowserError if it throws."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description", details["text"]))
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = _TIMEOUT, poll: float = 0.01) -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.perf_counter() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.perf_counter() > deadline:
                raise BrowserError(f"{expression!r} still false after {timeout} s")
            time.sleep(poll)

    def click(self, x: float, y: float) -> None:
        """A real left click (move, press, release) at viewport pixel (x, y)."""
        for kind, extra in (
            ("mouseMoved", {}),
            ("mousePressed", {"button": "left", "clickCount": 1}),
            ("mouseReleased", {"button": "left", "clickCount": 1}),
        ):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def type_into(self, selector: str, text: str) -> None:
        """Empty the element, focus it and type ``text`` as a keyboard would (input events)."""
        self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.value = ''; e.focus(); })()"
        )
        self.send("Input.insertText", {"text": text})

    def press(self, key: str, code: str, key_code: int) -> None:
        """Press and release one key (e.g. "Enter", "Enter", 13) in the focused element."""
        for kind in ("keyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code},
            )

    def screenshot(self) -> bytes:
        """The viewport as PNG bytes."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        return base64.b64decode(data)

    def close(self) -> None:
        with suppress(BrowserError):
            self.browser.send("Target.closeTarget", {"targetId": self.target})


@contextmanager
def running_chromium(binary: str | None = None) -> Iterator[Chromium]:
    """A Chromium for the duration of the block."""
    browser = Chromium(binary)
    try:
        yield browser
    finally:
        browser.close()
