"""The worker processes of ``giaoviec serve``: started with the service, restarted when one
dies, stopped with SIGTERM (and their grace period) when the service stops.

Each is a ``giaoviec worker`` process with the service's settings in its environment, so a
service built from explicit ``Settings`` (as the tests do) runs its workers on the same ones.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from pydantic import SecretStr

from api.logging import fields
from api.settings import Settings

log = logging.getLogger(__name__)

_WATCH_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def settings_environment(settings: Settings) -> dict[str, str]:
    """``GIAOVIEC_*`` variables that make ``Settings()`` equal to ``settings``."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, (list, dict)):
            value = json.dumps(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, Path):
            value = str(value.resolve())
        env[f"GIAOVIEC_{name.upper()}"] = str(value)
    return env


class WorkerProcesses:
    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.count)]
        self._watcher = threading.Thread(target=self._watch, name="worker-watch", daemon=True)
        self._watcher.start()
        log.info("workers_started", extra=fields(pids=[p.pid for p in self.processes]))

    def stop(self) -> None:
        """SIGTERM every worker and wait for it (its grace period and a margin), then SIGKILL."""
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join()
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=self.settings.shutdown_grace_seconds + 15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _spawn(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, **settings_environment(self.settings)}
        command = [sys.executable, "-c", "from api.cli import main; main()", "worker"]
        return subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)  # noqa: PLW1509

    def _watch(self) -> None:
        while not self._stopping.wait(_WATCH_SECONDS):
            for index, process in enumerate(self.processes):
                if process.poll() is not None and not self._stopping.is_set():
                    log.warning("worker_restarted", extra=fields(pid=process.pid, status=process.returncode))
                    self.processes[index] = self._spawn()


def _die_with_parent() -> None:
    # A worker whose service was killed stops too (SIGTERM: it hands its job back).
    import ctypes

    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
