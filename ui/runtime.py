"""After the first paint: the asyncio loop, the station, and shutting down.

The store is opened in a worker thread (migrations may take a moment), the
station's services start on qasync's loop, and everything stops in order
when the window closes.
"""

from __future__ import annotations

import asyncio
import logging

import qasync
from PySide6.QtWidgets import QApplication

from app import logs
from app.config import StationSettings
from app.errors import StoreError, StoreUnavailable
from app.station import Station
from ui.shell.errors import install_hooks, show_error
from ui.shell.tasks import spawn
from ui.shell.window import MainWindow

log = logging.getLogger(__name__)


def run_station(
    app: QApplication, window: MainWindow, settings: StationSettings, configured: bool
) -> int:
    logs.configure()
    install_hooks(window)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(lambda _loop, context: _loop_error(context))
    closed = asyncio.Event()
    window.closing.connect(closed.set)
    with loop:
        loop.run_until_complete(_serve(window, settings, configured, closed))
    return 0


def _loop_error(context: dict[str, object]) -> None:
    error = context.get("exception")
    if isinstance(error, BaseException):
        show_error(error)
    else:
        log.error("asyncio: %s", context.get("message"))


async def _serve(
    window: MainWindow,
    settings: StationSettings,
    configured: bool,
    closed: asyncio.Event,
) -> None:
    station = Station(settings)
    if configured:
        await open_station(window, station)
    await closed.wait()
    await stop_cameras(window)
    await station.stop()


async def stop_cameras(window: MainWindow, timeout_ms: int = 10_000) -> bool:
    """Stop face check-in and wait, off the GUI thread, until every frame
    loop has ended (each closes its source, which joins its camera reader
    and then releases the camera); before the station and its store stop."""
    widget = getattr(window, "face_widget", None)
    if widget is None:
        return True
    from ui.identity.frames import wait_for_retired

    widget.stop()
    loop = asyncio.get_running_loop()
    ended = await loop.run_in_executor(None, wait_for_retired, timeout_ms)
    if not ended:
        log.warning("a camera thread did not end in %d ms", timeout_ms)
    return ended


async def open_station(window: MainWindow, station: Station) -> None:
    """Open the store off the GUI thread; a bad file gets its own screen."""
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, station.open_store)
    except StoreError as error:
        log.warning("store unusable: %s: %s", type(error).__name__, error)
        _show_store_error(window, station, error)
        return
    except Exception as error:  # a bug, not a bad file: tell, keep the window
        show_error(error)
        return
    window.attach_station(station)
    await station.start()
    if "face" in station.services:
        window.enable_face(station.services["face"])
    elif "face_error" in station.services:
        window.face_unavailable(station.services["face_error"])


def _show_store_error(window: MainWindow, station: Station, error: StoreError) -> None:
    path = station.database_path

    def move_aside() -> None:
        from app.store import move_aside as rename

        try:
            rename(path)
        except OSError as failed:  # e.g. the folder is read-only
            log.warning("could not move %s aside: %s", path, failed)
            _show_store_error(
                window, station, StoreUnavailable(f"{path}: {failed.strerror}")
            )
            return
        spawn(open_station(window, station))

    def retry() -> None:
        spawn(open_station(window, station))

    window.show_store_error(error, str(path), move_aside, retry)
