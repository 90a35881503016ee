"""A station assembled from its configuration, started and stopped as one.

``Station`` owns the store, the sign-in service, the sync engine and the
feature services, and starts and stops them in order. It is Qt-free: the UI
floor asks for a station and builds its windows over the services here.

Heavy imports (SQLAlchemy, httpx) happen in ``open``, which the UI calls
after the first screen is painted, never at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import StationSettings

if TYPE_CHECKING:
    from app.identity.signin import SignInService
    from app.store import Store

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


def data_dir(settings: StationSettings) -> Path:
    if settings.data_dir:
        return Path(settings.data_dir)
    from platformdirs import user_data_dir

    return Path(user_data_dir("careloop", appauthor=False))


@dataclass
class Station:
    """Everything one workstation runs, over one configuration."""

    settings: StationSettings
    clock: Clock = utc_clock
    store: Store | None = None
    signin: SignInService | None = None
    services: dict[str, Any] = field(default_factory=dict)
    _stoppers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @property
    def database_path(self) -> Path:
        return data_dir(self.settings) / f"{self.settings.station_id}.db"

    def open_store(self) -> Store:
        """Open (and migrate) the station's database; typed StoreError if unusable."""
        from app.identity.signin import SignInService
        from app.store import Store

        self.store = Store(self.database_path)
        self.signin = SignInService(
            store=self.store, station_id=self.settings.station_id, clock=self.clock
        )
        log.info("station %s opened its store", self.settings.station_id)
        return self.store

    def serial_ports(self) -> list[tuple[str, str]]:
        """(device, description) of every serial port the system knows."""
        from devices.transport import list_ports

        return [(port.device, port.description) for port in list_ports()]

    def on_stop(self, stopper: Callable[[], Awaitable[None]]) -> None:
        """Register something to stop, in reverse order of registration."""
        self._stoppers.append(stopper)

    async def start(self) -> None:
        """Start the sync engine and feature services (store must be open)."""
        if self.store is None:
            raise RuntimeError("open_store() must succeed before start()")
        await self._start_sync()
        await self._start_face()
        self.start_waste()
        self._start_storage_watch()
        self._start_dialysis_links()

    def _start_dialysis_links(self) -> None:
        """Each bed's machine link; a port that will not open stops only its bed."""
        if not self.settings.role.startswith("dialysis"):
            return
        if not any(bed.machine_port for bed in self.settings.beds):
            return
        from app.dialysis.links import DialysisLinks

        links = DialysisLinks.from_settings(self.settings.beds)
        links.start()
        self.services["dialysis_links"] = links
        self.on_stop(links.stop)

    def start_waste(self) -> None:
        """The waste service, the scale feed and the label printer of a cart or store."""
        if not self.settings.role.startswith("waste") or self.store is None:
            return
        from app.waste.scale_feed import ScaleFeed
        from app.waste.station_devices import (
            label_printer_for,
            scale_feed_for,
            waste_service_for,
        )

        self.services["waste"] = waste_service_for(
            self.store, self.settings, self.clock
        )
        sync = self.services.get("sync")
        if sync is not None:  # the other station's steps come as Tasks
            from app.waste.pulled import register_waste_pull

            register_waste_pull(sync.puller)
            sync.sync_now()
        feed = ScaleFeed()
        if self.settings.scale is not None:
            feed, thread = scale_feed_for(self.settings.scale)
            thread.start()

            async def stop_scale() -> None:
                thread.stop()

            self.on_stop(stop_scale)
        self.services["scale_feed"] = feed
        printer = (
            label_printer_for(self.settings.printer) if self.settings.printer else None
        )
        self.services["label_printer"] = printer

    def _start_storage_watch(self) -> None:
        """The storage room raises storage-age alarms on a timer, screen or not."""
        if self.settings.role != "waste-storage" or "waste" not in self.services:
            return
        from app.waste.storage_watch import StorageWatch

        watch = StorageWatch(
            self.services["waste"], self.settings.waste_limits.storage_check_s
        )
        watch.start()
        self.services["storage_watch"] = watch
        self.on_stop(watch.stop)

    async def _start_face(self) -> None:
        """Models and key load in a worker thread; failures leave PIN sign-in."""
        if not self.settings.camera or self.store is None:
            return
        import asyncio

        from app.identity.sharing import register_face_pull, shared_key_path
        from app.identity.station_face import build_face_services
        from app.identity.templates import KEY_FILE_NAME, template_key_path

        try:  # the key beside the configuration, never in the data folder
            key_file = template_key_path(
                self.settings.path, self.settings.face_key_file, data_dir(self.settings)
            )
            shared_key = shared_key_path(
                self.settings.face_shared_key_file, data_dir(self.settings)
            )
            face = await asyncio.get_running_loop().run_in_executor(
                None,
                build_face_services,
                self.store,
                self.settings.station_id,
                self.settings.camera,
                key_file,
                self.settings.face_matching,
                data_dir(self.settings) / KEY_FILE_NAME,  # where it used to be
                shared_key,
            )
        except Exception as error:  # the PIN always works; say why face does not
            log.warning(
                "face check-in unavailable: %s: %s", type(error).__name__, error
            )
            self.services["face_error"] = error
            return
        self.services["face"] = face
        if "sync" in self.services:  # departed staff's templates go after a pull
            face.follow_directory(self.services["sync"])
            if face.sharing is not None:  # the other stations' enrolments
                register_face_pull(self.services["sync"].puller, face.sharing)
                self.services["sync"].sync_now()

    async def _start_sync(self) -> None:
        if not self.settings.platform.base_url:
            log.info("no platform configured; the station works alone")
            return
        try:
            from app.sync.engine import build_engine
        except ImportError:
            log.warning("sync engine not available in this build")
            return
        engine = build_engine(self)
        self.services["sync"] = engine
        await engine.start()
        self.on_stop(engine.stop)

    async def stop(self) -> None:
        while self._stoppers:
            stopper = self._stoppers.pop()
            try:
                await stopper()
            except Exception:  # keep stopping the rest
                log.exception("a service failed to stop cleanly")
        if self.store is not None:
            self.store.close()
            self.store = None
        log.info("station %s stopped", self.settings.station_id)
