"""The one writer: a single thread that owns every write to the database.

SQLite allows one writer at a time and the GUI thread must never wait on a
commit, so every write is a function handed to this thread. The function
receives a session, does its work, and the thread commits; the caller gets a
future (or awaits it). A function that raises rolls back everything it did,
which is how a record and its outbox row commit together or not at all.

It does not read for screens: short read sessions do that in parallel.

A write that fails because the disk is full, the folder turned read-only or
the file is damaged raises a typed ``StoreError`` (via ``store_error``), so
the person reads what is wrong instead of "something went wrong". Other
database errors (a broken constraint, a bug) reach the caller unchanged.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy import exc
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

T = TypeVar("T")

_STOP = object()


class WriterClosed(RuntimeError):
    """A write was submitted after the writer was closed."""


class StoreWriter:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        typed_error: Callable[[BaseException], BaseException] | None = None,
    ) -> None:
        self._sessions = sessions
        self._typed_error = typed_error
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        self.thread = threading.Thread(
            target=self._serve, name="careloop-store-writer", daemon=True
        )
        self.thread.start()

    def submit(self, work: Callable[[Session], T]) -> Future[T]:
        """Queue ``work``; it runs in the writer thread and is committed."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise WriterClosed("the store writer is closed")
            self._jobs.put((work, future))
        return future

    async def run(self, work: Callable[[Session], T]) -> T:
        """Await ``work`` done and committed by the writer thread."""
        return await asyncio.wrap_future(self.submit(work))

    def close(self, timeout: float = 10.0) -> None:
        """Finish the queued writes, then stop the thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_STOP)
        self.thread.join(timeout)

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            work, future = job
            if not future.set_running_or_notify_cancel():
                continue
            self._run_one(work, future)

    def _run_one(self, work: Callable[[Session], Any], future: Future[Any]) -> None:
        with self._sessions() as session:
            try:
                result = work(session)
                session.commit()
            except BaseException as error:  # handed to the caller, not lost
                session.rollback()
                log.debug("write rolled back: %s", type(error).__name__)
                future.set_exception(self._as_seen_by_caller(error))
                return
        future.set_result(result)

    def _as_seen_by_caller(self, error: BaseException) -> BaseException:
        """The machine's trouble (full, read-only, damaged) as a typed error."""
        machine = isinstance(error, exc.OperationalError) or (
            type(error) is exc.DatabaseError
        )
        if not machine or self._typed_error is None:
            return error
        typed = self._typed_error(error)
        typed.__cause__ = error
        return typed
