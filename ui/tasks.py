"""Run service calls off the GUI thread; results come back on the GUI thread by signal.

Reads run on a small pool, writes on a single worker one at a time (SQLite has
one writer; on PostgreSQL it keeps a desk's own writes in order). A task given
a `key` supersedes the earlier task with that key: the older result is
dropped, so a late answer to an old search never overwrites a newer one. A
result whose receiver (a method of a Qt object, or a lambda over one) was deleted
meanwhile is dropped too: a window may close while its query runs.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from shiboken6 import Shiboken

from workstation.errors import DatabaseProblem, classify
from workstation.outcomes import Refused

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Pending:
    on_done: Callback | None
    on_error: Callable[[BaseException], None] | None
    key: str | None
    generation: int


class _ImmediateExecutor(Executor):
    """Runs a task in the caller's thread: deterministic tests of threaded code."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class TaskRunner(QObject):
    """Carries every database call of the screens to a worker and back."""

    # (token, succeeded, value or exception): emitted on a worker, received on the GUI thread.
    _finished = Signal(int, bool, object)
    # A problem the user can act on (connection lost, busy, read-only, disk full).
    problem = Signal(object)
    # Any task succeeded: the database answers.
    reachable = Signal()
    # A bug: the message for the user; the traceback went to the log.
    internal_error = Signal(str)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._reads: Executor = (
            _ImmediateExecutor() if synchronous else ThreadPoolExecutor(2, "db-read")
        )
        self._writes: Executor = (
            _ImmediateExecutor() if synchronous else ThreadPoolExecutor(1, "db-write")
        )
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver)

    def read(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
    ) -> None:
        """Run a read-only service call on the read pool."""
        self._submit(self._reads, fn, args, on_done, on_error, key)

    def write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
    ) -> None:
        """Run a service call that writes, on the single write worker."""
        self._submit(self._writes, fn, args, on_done, on_error, key)

    def _submit(
        self,
        executor: Executor,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: Callback | None,
        on_error: Callable[[BaseException], None] | None,
        key: str | None,
    ) -> None:
        if self._closed:
            return
        token = next(self._tokens)
        with self._lock:
            generation = 0
            if key is not None:
                generation = self._generations.get(key, 0) + 1
                self._generations[key] = generation
            self._pending[token] = _Pending(on_done, on_error, key, generation)
        executor.submit(self._run, token, fn, args)

    def _run(self, token: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            value = fn(*args)
        except BaseException as error:  # handed to the GUI thread, never swallowed
            if classify(error) is None and not isinstance(error, Refused):
                log.error(
                    "task %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc()
                )
            self._finished.emit(token, False, error)
        else:
            self._finished.emit(token, True, value)

    @Slot(int, bool, object)
    def _deliver(self, token: int, succeeded: bool, value: Any) -> None:
        with self._lock:
            pending = self._pending.pop(token, None)
            if pending is None:
                return
            superseded = (
                pending.key is not None and self._generations.get(pending.key) != pending.generation
            )
        if succeeded:
            self.reachable.emit()
            if not superseded and pending.on_done is not None and _alive(pending.on_done):
                pending.on_done(value)
            return
        problem = classify(value)
        if problem is not None:
            self.problem.emit(problem)
        if superseded:
            return
        if pending.on_error is not None:
            if _alive(pending.on_error):
                pending.on_error(value)
        elif problem is None:
            self.internal_error.emit(f"{type(value).__name__}: {value}")

    def shutdown(self) -> None:
        """Stop taking tasks and wait for the running ones: call before the app quits."""
        self._closed = True
        self._reads.shutdown(wait=True)
        self._writes.shutdown(wait=True)


def _alive(callback: Callable[..., None]) -> bool:
    """Whether a callback can still run: it refers to no deleted Qt object (the object of a
    bound method, or one a lambda closes over, such as its `self`)."""
    target = getattr(callback, "func", callback)  # functools.partial
    refers_to = [getattr(target, "__self__", None)]
    for cell in getattr(target, "__closure__", None) or ():
        try:
            refers_to.append(cell.cell_contents)
        except ValueError:  # an empty cell
            continue
    return all(not isinstance(obj, QObject) or Shiboken.isValid(obj) for obj in refers_to)


def is_problem(error: BaseException) -> DatabaseProblem | None:
    """The user-facing problem behind a task's error, for screens with their own handlers."""
    return classify(error)
