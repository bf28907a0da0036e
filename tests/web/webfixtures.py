"""Fixtures for the web tests: a corpus holding the hand-made brief, a live
uvicorn server on a free loopback port, and headless Debian Chromium.

Test modules import them by name (not through a ``conftest.py``, whose module
name would clash with the other test folders' ``conftest`` in ``sys.modules``)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webdata import CHROMIUM, CHROMIUM_FLAGS, OUTPUT, made_brief

# -- a live server ---------------------------------------------------------------


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port, in a thread."""

    def __init__(self, app: Any):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus holding the hand-made brief."""
    from byline.store import Store

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with Store(path) as store:
        store.add(made_brief(), source="made")
    return path


@pytest.fixture(scope="session")
def live_server(corpus_db: Path) -> Iterator[LiveServer]:
    from byline.web import create_app

    with LiveServer(create_app(db=corpus_db)) as server:
        yield server


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Debian Chromium with a fresh, empty profile directory."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: run `bash scripts/system-deps.sh` (as root) to install Chromium")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS,
            accept_downloads=True, downloads_path=str(downloads), viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh tab. ``page.errors`` collects what a test asserts is empty: uncaught
    exceptions, dialogs, Content-Security-Policy violations and any request to
    another host than the test server (the page must work offline)."""
    pg = browser_context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: "Content Security Policy" in m.text and pg.errors.append(f"csp: {m.text}"))

    def request(req: Any) -> None:
        if not req.url.startswith((live_server.url + "/", "blob:", "data:")):
            pg.errors.append(f"external request: {req.url}")

    pg.on("request", request)
    try:
        yield pg
    finally:
        pg.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
