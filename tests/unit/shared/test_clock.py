"""The clock file moves time for every process that reads it, never in production."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from shared import clock


def test_without_a_clock_file_now_is_the_real_utc_time(monkeypatch):
    monkeypatch.delenv("KAIZEN_CLOCK_FILE", raising=False)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)
    assert clock.now().tzinfo is UTC


def test_advance_moves_now_forward_by_the_delta(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    clock.advance(path, timedelta(days=21))
    clock.advance(path, timedelta(hours=1))
    moved = clock.now() - datetime.now(UTC)
    assert timedelta(days=21, minutes=59) < moved < timedelta(days=21, hours=1, minutes=1)
    assert clock.today() == (datetime.now(UTC) + moved).date()


def test_production_ignores_the_clock_file(tmp_path, monkeypatch):
    path = tmp_path / "clock"
    monkeypatch.setenv("KAIZEN_CLOCK_FILE", str(path))
    clock.advance(path, timedelta(days=3))
    monkeypatch.setenv("KAIZEN_ENV", "production")
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)


def test_a_reader_never_sees_the_clock_file_half_written(tmp_path):
    path = tmp_path / "clock"
    clock.advance(path, timedelta(days=1))
    seen, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            seen.append(clock._read(path))

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(3000):
        clock.advance(path, timedelta(seconds=1))
    stop.set()
    reader.join()
    assert min(seen) >= 86400, "a reader saw the clock file empty (time jumped back)"
