"""Browser test infrastructure: a real gunicorn server, one Chromium, one fresh context per test.

The live server runs in its own process against its own database, exactly as `make run` serves
the demo: migrate, import the register, load the demo, collect static files, start gunicorn.
With KOKOMA_BROWSER_DATABASE_URL set (CI), the server uses that PostgreSQL database, which must
be fresh (the journeys onboard Görlitz and change passwords); otherwise SQLite under a temporary
directory. The database of the pytest run never leaks in. The server's log ends up in
test-artifacts/live-server.log, screenshots in test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from . import support

PROJECT_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests and run them last.

    While Playwright's sync API is active, its event loop counts as running in the main thread,
    and Django refuses database access from there (SynchronousOnlyOperation). The browser lives
    for the whole session, so database tests must not come after the first browser test.
    """
    here = Path(__file__).parent
    browser_tests = [item for item in items if here in Path(item.path).parents]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    if browser_tests:
        others = [item for item in items if here not in Path(item.path).parents]
        items[:] = others + browser_tests


def pytest_terminal_summary(terminalreporter: Any) -> None:
    missing = support.missing_german()
    path = support.ARTIFACTS / "missing-german.txt"
    if not missing:
        path.unlink(missing_ok=True)
        return
    terminalreporter.section("German translations missing for strings the browser tests use")
    for msgid in missing:
        terminalreporter.write_line(f"  {msgid!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(missing) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"(list written to {path})")


# --- live server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _browser_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database per test process when KOKOMA_BROWSER_DATABASE_URL is set.

    Each pytest-xdist worker starts its own server, so each gets its own database beside the one
    the URL names (which only tells the server and the credentials); it is dropped afterwards.
    """
    base_url = os.environ.get("KOKOMA_BROWSER_DATABASE_URL")
    if not base_url:
        yield None
        return
    import psycopg

    parts = urlsplit(base_url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{parts.path.lstrip('/')}_{worker}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    """The environment of a fresh demo installation: no KOKOMA_* or DATABASE_URL leaks in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KOKOMA_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["KOKOMA_VAR_DIR"] = str(var_dir)
    env["DJANGO_SETTINGS_MODULE"] = "kokoma.settings"
    env["PYTHONUNBUFFERED"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, str(PROJECT_DIR / "manage.py"), *args]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"`manage.py {' '.join(args)}` failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )


def _catalogs_outdated() -> bool:
    skip = {".venv", "node_modules", ".git"}
    for po in PROJECT_DIR.rglob("*.po"):
        if skip & set(po.relative_to(PROJECT_DIR).parts):
            continue
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            return True
    return False


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(
        f"gunicorn did not answer on {url} within {SERVER_START_TIMEOUT}s:\n"
        f"{log.read_text()[-4000:]}"
    )


@pytest.fixture(scope="session")
def kokoma_server() -> Iterator[support.LiveServer]:
    with _browser_database() as database_url:
        yield from _serve(database_url)


def _serve(database_url: str | None) -> Iterator[support.LiveServer]:
    var_dir = Path(tempfile.mkdtemp(prefix="kokoma-browser-"))
    env = _server_env(var_dir, database_url)
    if _catalogs_outdated():
        _manage(env, "compilemessages", "--ignore=.venv", "--ignore=node_modules", "-v0")
    support.reload_translations()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "import_municipalities", "data/gemeinden.csv", "--no-progress", "-v0")
    _manage(env, "load_demo", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # Links in the server's e-mails (password reset …) point at this server, as in `make run`.
    env["KOKOMA_BASE_URL"] = url
    log = var_dir / "gunicorn.log"
    with log.open("wb") as log_stream:
        process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "kokoma.wsgi:application",
                "--pythonpath",
                "src",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log_stream,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(url, process, log)
        yield support.LiveServer(url=url, host=f"127.0.0.1:{port}", var_dir=var_dir, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        support.ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, support.ARTIFACTS / "live-server.log")
        shutil.rmtree(var_dir, ignore_errors=True)


# --- browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (Debian package `chromium`; `make test` installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run in CI, but {reason}.", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _watched_context(browser: Any, server: support.LiveServer, **options: Any) -> Any:
    """A German-speaking browser context whose requests, CSP reports and errors are watched."""
    context = browser.new_context(locale="de-DE", base_url=server.url, **options)
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(20_000)
    watch = support.Watch()
    support.WATCHES[id(context)] = watch

    def on_request(request: Any) -> None:
        watch.requests.append(request.url)

    def on_response(response: Any) -> None:
        request = response.request
        if response.status >= 400 and request.resource_type != "document":
            watch.failed_resources.append(
                f"{response.status} {request.resource_type} {request.url}"
            )

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("console", lambda message: watch.on_console(message))
    context.on("weberror", lambda error: watch.page_errors.append(str(error.error)))
    return context


def _close(context: Any) -> support.Watch:
    context.close()
    return support.WATCHES.pop(id(context))


def _verify(watch: support.Watch, server: support.LiveServer) -> None:
    """No request left the live server, no CSP report, no JavaScript error."""
    foreign = []
    for url in watch.requests:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            continue
        if parts.scheme != "http" or parts.netloc != server.host:
            foreign.append(url)
    assert not foreign, "Requests left the live server:\n" + "\n".join(foreign)
    assert not watch.csp_violations, "Content Security Policy violations:\n" + "\n".join(
        watch.csp_violations
    )
    assert not watch.page_errors, "JavaScript errors:\n" + "\n".join(watch.page_errors)


@pytest.fixture
def page(browser: Any, kokoma_server: support.LiveServer) -> Iterator[Any]:
    """A fresh German-speaking browser context; no request may leave the live server."""
    context = _watched_context(browser, kokoma_server)
    try:
        yield context.new_page()
    finally:
        watch = _close(context)
    _verify(watch, kokoma_server)


@pytest.fixture
def new_page(browser: Any, kokoma_server: support.LiveServer) -> Iterator[Callable[..., Any]]:
    """new_page(viewport=…) → the page of another browser (its own cookies), watched like `page`;
    for journeys of several people at once."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = _watched_context(browser, kokoma_server, **options)
        contexts.append(context)
        return context.new_page()

    try:
        yield make
    finally:
        watches = [_close(context) for context in contexts]
    for watch in watches:
        _verify(watch, kokoma_server)
