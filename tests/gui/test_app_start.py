"""The app as a user starts it: a real process, the default case file, a clean exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediator_desk.store.casefile import open_casefile

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_start_welcomes_and_writes_nothing(tmp_path):
    """From an empty data folder the app opens with its welcome; until the mediator finishes
    it, no case file is made."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        MEDIATOR_DESK_EXIT_WHEN_READY="1",
    )
    env.pop("MEDIATOR_DESK_CASEFILE", None)
    done = subprocess.run(
        [sys.executable, "-m", "mediator_desk"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready 0 ")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "Mediator Desk" / "casebook.mdesk").exists()


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX")
def test_start_creates_the_named_case_file_and_quits_cleanly(tmp_path):
    casefile = tmp_path / "Cases" / "casebook.mdesk"
    casefile.parent.mkdir()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        MEDIATOR_DESK_CASEFILE=str(casefile),
    )
    lock = casefile.with_name("casebook.mdesk.lock")
    app = subprocess.Popen(
        [sys.executable, "-m", "mediator_desk"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not lock.exists() and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.05)
        assert lock.exists(), app.stderr.read() if app.poll() is not None else "no lock"
        app.send_signal(signal.SIGTERM)
        assert app.wait(15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
        stderr = app.stderr.read()
        app.stdout.close()
        app.stderr.close()
    assert "Traceback" not in stderr, stderr
    assert not lock.exists()  # released on the way out
    with open_casefile(casefile) as opened:
        assert opened.cases.count() == 0
