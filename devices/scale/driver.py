"""Scale drivers: a link and a framer in, typed readings out, health reported.

Two shapes stand behind one face (`ScaleDriver`):

- `ContinuousScale` for indicators that stream frames on their own (Toledo
  continuous, XK3190 A9, the ``=`` formats, A12E). Formats without a
  stability flag are judged by a `StabilityJudge`.
- `MtSicsScale` for MT-SICS command mode: it asks (``SI``, ``S``, ``Z``, ``T``,
  ``TAC``, ``I2``, ``I4``) and turns each reply or rejection into a value or a
  typed error.

What is never done: a frame with a bad check, a garbled line or an
out-of-range display is never turned into a weight. Nothing here reconnects
(wrap the link in `devices.transport.ReconnectingLink`) or knows about bags.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from devices.errors import ChecksumError, LinkClosed, ProtocolError
from devices.scale import mtsics
from devices.scale.errors import ScaleSilent, ScaleUnreadable, WeightNotStable
from devices.scale.framing import FrameDecoder, LineFramer, Skipped
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind
from devices.scale.stability import StabilityJudge
from devices.transport import Link

log = logging.getLogger(__name__)
# Rejected frames quote their bytes, so they go to the wire logger only.
wire_log = logging.getLogger("devices.wire.scale")

DEFAULT_SILENCE_S = 2.0  # a streaming scale sends several frames a second
DEFAULT_REPLY_TIMEOUT_S = 1.0
DEFAULT_STABLE_TIMEOUT_S = 10.0
QUEUE_LENGTH = 64  # readings kept for a slow consumer; the oldest go first
# Fewer stray bytes than this in a silence time (line noise, the tail of a
# frame cut by a pulled cable) count as silence, not as an unreadable scale.
UNREADABLE_MIN_BYTES = 16


class ScaleState(enum.Enum):
    CLOSED = "closed"
    WAITING = "waiting"  # open, nothing good received yet
    READING = "reading"  # good frames are arriving
    SILENT = "silent"  # nothing at all within the silence time
    UNREADABLE = "unreadable"  # bytes, but no good frame within the silence time
    LOST = "lost"  # the link went away


@dataclass
class ScaleHealth:
    """Counters and state a status bar or a diagnostics page can show."""

    state: ScaleState = ScaleState.CLOSED
    good_frames: int = 0
    checksum_errors: int = 0
    framing_errors: int = 0
    last_error: str = ""  # may quote raw bytes: for a diagnostics page, not a log


class ScaleDriver(Protocol):
    """What the app floor uses of any scale."""

    protocol: str
    health: ScaleHealth

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def next_reading(self) -> ScaleReading: ...

    def readings(self) -> AsyncIterator[ScaleReading]: ...

    async def stable_reading(self, timeout_s: float = ...) -> ScaleReading: ...


async def wait_for_stable(
    driver: ScaleDriver, timeout_s: float, clock: Callable[[], float]
) -> ScaleReading:
    """The first usable (stable, in range) reading within ``timeout_s``."""
    deadline = clock() + timeout_s
    last: ScaleReading | None = None
    while clock() < deadline:
        last = await driver.next_reading()
        if last.usable:
            return last
    raise WeightNotStable(
        f"{driver.protocol}: no stable weight within {timeout_s:g} s (last {last})"
    )


class ContinuousScale:
    """A scale that streams frames; ``next_reading`` waits for the next one."""

    def __init__(
        self,
        link: Link,
        decoder: FrameDecoder,
        *,
        judge: StabilityJudge | None = None,
        silence_s: float = DEFAULT_SILENCE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if silence_s <= 0:
            raise ValueError(f"silence_s must be positive, got {silence_s}")
        self.protocol = decoder.protocol
        self.health = ScaleHealth()
        self._link = link
        self._decoder = decoder
        self._judge = judge or StabilityJudge(clock=clock)
        self._silence_s = silence_s
        self._clock = clock
        self._queue: asyncio.Queue[ScaleReading | Exception] = asyncio.Queue(
            QUEUE_LENGTH
        )
        self._watchdog: asyncio.TimerHandle | None = None
        self._bytes_since_good = 0
        self._last_window_bytes = 0

    # -- lifecycle ----------------------------------------------------------

    async def open(self) -> None:
        """Open the link; PortUnavailable (and state CLOSED) if it cannot be."""
        self.health.state = ScaleState.WAITING
        try:
            await self._link.open(self)
        except BaseException:
            self.health.state = ScaleState.CLOSED
            raise

    async def close(self) -> None:
        self._stop_watchdog()
        await self._link.close()
        self.health.state = ScaleState.CLOSED

    # -- LinkProtocol: called on the loop by the link -----------------------

    def connection_made(self, link: Link) -> None:
        """Called on every open and re-open; a loss still queued is history."""
        log.info("%s: %s scale connected", link.name, self.protocol)
        self.health.state = ScaleState.WAITING
        self._bytes_since_good = self._last_window_bytes = 0
        self._drop_queued_errors()
        self._arm_watchdog()

    def data_received(self, data: bytes) -> None:
        self._bytes_since_good += len(data)
        for event in self._decoder.feed(data):
            if isinstance(event, ScaleReading):
                self._good(event)
            else:
                self._bad(event)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_watchdog()
        if exc is None:
            return
        self.health.state = ScaleState.LOST
        self.health.last_error = str(exc)
        self._judge.reset()
        self._offer(LinkClosed(f"{self.protocol} scale link lost: {exc}"))

    # -- readings -----------------------------------------------------------

    async def next_reading(self) -> ScaleReading:
        """The next good reading; ScaleSilent / ScaleUnreadable / LinkClosed."""
        try:
            item = await asyncio.wait_for(self._queue.get(), self._silence_s)
        except TimeoutError:
            raise self._silence_error() from None
        if isinstance(item, Exception):
            raise item
        return item

    async def readings(self) -> AsyncIterator[ScaleReading]:
        while True:
            yield await self.next_reading()

    async def stable_reading(
        self, timeout_s: float = DEFAULT_STABLE_TIMEOUT_S
    ) -> ScaleReading:
        """The first stable, in-range weight received from now on."""
        self._discard_queued()
        return await wait_for_stable(self, timeout_s, self._clock)

    # -- inside ---------------------------------------------------------------

    def _drop_queued_errors(self) -> None:
        kept = [self._queue.get_nowait() for _ in range(self._queue.qsize())]
        for item in kept:
            if not isinstance(item, Exception):
                self._queue.put_nowait(item)

    def _discard_queued(self) -> None:
        while not self._queue.empty():
            stale = self._queue.get_nowait()
            if isinstance(stale, Exception):
                self._queue.put_nowait(stale)  # a lost link stays reported
                return

    def _good(self, reading: ScaleReading) -> None:
        if reading.stability is Stability.UNKNOWN:
            stable = self._judge.judge(
                reading.value if reading.range is Range.OK else None
            )
            judged = Stability.STABLE if stable else Stability.MOTION
            reading = dataclasses.replace(reading, stability=judged)
        if self.health.state is not ScaleState.READING:
            log.info("%s: %s scale reading", self._link.name, self.protocol)
        self.health.state = ScaleState.READING
        self.health.good_frames += 1
        self._bytes_since_good = self._last_window_bytes = 0
        self._arm_watchdog()
        self._offer(reading)

    def _bad(self, error: ProtocolError) -> None:
        self._judge.reset()
        self.health.last_error = str(error)
        if isinstance(error, ChecksumError):
            self.health.checksum_errors += 1
        else:
            self.health.framing_errors += 1
        wire_log.debug("%s: %s", self._link.name, error)

    def _offer(self, item: ScaleReading | Exception) -> None:
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(item)

    def _arm_watchdog(self) -> None:
        self._stop_watchdog()
        loop = asyncio.get_running_loop()
        self._watchdog = loop.call_later(self._silence_s, self._on_silence)

    def _stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None

    def _on_silence(self) -> None:
        self._watchdog = None
        self._judge.reset()
        error = self._silence_error()
        state = (
            ScaleState.UNREADABLE
            if isinstance(error, ScaleUnreadable)
            else ScaleState.SILENT
        )
        if self.health.state is not state:
            log.warning("%s: %s", self._link.name, error)
        self.health.state = state
        # Each silence time is judged on its own; the last one is kept for a
        # reader whose own wait ends just after this.
        self._last_window_bytes, self._bytes_since_good = self._bytes_since_good, 0
        self._arm_watchdog()

    def _silence_error(self) -> Exception:
        if self.health.state is ScaleState.LOST:
            return LinkClosed(f"{self.protocol} scale link lost")
        received = max(self._bytes_since_good, self._last_window_bytes)
        if received >= UNREADABLE_MIN_BYTES:
            return ScaleUnreadable(
                f"{self.protocol}: {received} bytes but no good frame "
                f"in {self._silence_s:g} s ({self.health.checksum_errors} bad checks, "
                f"{self.health.framing_errors} framing errors so far)"
            )
        return ScaleSilent(
            f"{self.protocol}: nothing received in {self._silence_s:g} s"
        )


@dataclass(frozen=True)
class ScaleIdentity:
    model: str  # I2: type, capacity and unit as the scale states them
    serial_number: str  # I4


class MtSicsScale:
    """An MT-SICS scale in command mode; one command at a time."""

    protocol = mtsics.PROTOCOL

    def __init__(
        self,
        link: Link,
        *,
        reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S,
        stable_command_timeout_s: float = DEFAULT_STABLE_TIMEOUT_S,
        poll_interval_s: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.health = ScaleHealth()
        self._link = link
        self._reply_timeout_s = reply_timeout_s
        self._stable_command_timeout_s = stable_command_timeout_s
        self._poll_interval_s = poll_interval_s
        self._clock = clock
        self._framer = LineFramer(max_length=128)
        self._replies: asyncio.Queue[mtsics.Reply | Exception] = asyncio.Queue()
        self._one_at_a_time = asyncio.Lock()
        self._kind = WeightKind.GROSS
        self._garbled_since_reply = 0

    # -- lifecycle ----------------------------------------------------------

    async def open(self) -> None:
        """Open the link; PortUnavailable (and state CLOSED) if it cannot be."""
        self.health.state = ScaleState.WAITING
        try:
            await self._link.open(self)
        except BaseException:
            self.health.state = ScaleState.CLOSED
            raise

    async def close(self) -> None:
        await self._link.close()
        self.health.state = ScaleState.CLOSED

    # -- LinkProtocol ---------------------------------------------------------

    def connection_made(self, link: Link) -> None:
        log.info("%s: MT-SICS scale connected", link.name)

    def data_received(self, data: bytes) -> None:
        for item in self._framer.feed(data):
            if isinstance(item, Skipped):
                self._garbled(f"{item.count} bytes skipped")
                continue
            try:
                reply = mtsics.parse_reply(item)
            except ProtocolError as error:
                self._garbled(str(error))
                continue
            self._replies.put_nowait(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is None:
            return
        self.health.state = ScaleState.LOST
        self.health.last_error = str(exc)
        self._replies.put_nowait(LinkClosed(f"MT-SICS scale link lost: {exc}"))

    # -- commands -------------------------------------------------------------

    async def command(self, text: str, timeout_s: float | None = None) -> mtsics.Reply:
        """Send one command and return its reply, rejections raised as types."""
        async with self._one_at_a_time:
            self._drain_stale_replies()
            self._garbled_since_reply = 0
            await self._link.write(mtsics.encode_command(text))
            reply = await self._await_reply(text, timeout_s or self._reply_timeout_s)
        self.health.state = ScaleState.READING
        self.health.good_frames += 1
        mtsics.raise_for_reply(reply, text)
        return reply

    async def weigh_now(self) -> ScaleReading:
        """``SI``: the weight now, stable or not."""
        return mtsics.reading_from_reply(await self.command("SI"), self._kind)

    async def weigh_stable(self) -> ScaleReading:
        """``S``: the scale answers once the weight is stable (or ``S I``)."""
        reply = await self.command("S", self._stable_command_timeout_s)
        return mtsics.reading_from_reply(reply, self._kind)

    async def zero(self) -> None:
        """``Z``: zero once stable. CommandNotExecutable, OutOfRange if refused."""
        await self.command("Z", self._stable_command_timeout_s)
        self._kind = WeightKind.GROSS

    async def tare(self) -> Decimal:
        """``T``: tare the stable weight on the pan; returns the tare."""
        reply = await self.command("T", self._stable_command_timeout_s)
        if reply.weight is None:
            raise ProtocolError(f"tare reply without weight: {reply}")
        self._kind = WeightKind.NET
        return reply.weight

    async def clear_tare(self) -> None:
        """``TAC``: clear the tare memory."""
        await self.command("TAC")
        self._kind = WeightKind.GROSS

    async def identify(self) -> ScaleIdentity:
        model = await self.command("I2")
        serial = await self.command("I4")
        return ScaleIdentity(" ".join(model.texts), " ".join(serial.texts))

    async def next_reading(self) -> ScaleReading:
        return await self.weigh_now()

    async def readings(self) -> AsyncIterator[ScaleReading]:
        """``SI`` polled every ``poll_interval_s``."""
        while True:
            started = self._clock()
            yield await self.weigh_now()
            pause = self._poll_interval_s - (self._clock() - started)
            if pause > 0:
                await asyncio.sleep(pause)

    async def stable_reading(
        self, timeout_s: float = DEFAULT_STABLE_TIMEOUT_S
    ) -> ScaleReading:
        """``SI`` polled until a stable, in-range weight; WeightNotStable if none."""
        deadline = self._clock() + timeout_s
        last: ScaleReading | None = None
        async for reading in self.readings():
            if reading.usable:
                return reading
            last = reading
            if self._clock() >= deadline:
                break
        raise WeightNotStable(f"no stable weight within {timeout_s:g} s (last {last})")

    # -- inside ---------------------------------------------------------------

    async def _await_reply(self, text: str, timeout_s: float) -> mtsics.Reply:
        try:
            item = await asyncio.wait_for(self._replies.get(), timeout_s)
        except TimeoutError:
            raise self._no_reply(text, timeout_s) from None
        if isinstance(item, Exception):
            raise item
        return item

    def _no_reply(self, text: str, timeout_s: float) -> Exception:
        if self.health.state is ScaleState.LOST:
            return LinkClosed(f"MT-SICS scale link lost before {text!r} was answered")
        if self._garbled_since_reply:
            self.health.state = ScaleState.UNREADABLE
            return ScaleUnreadable(
                f"{text!r}: only garbled replies in {timeout_s:g} s "
                f"({self._garbled_since_reply} lines)"
            )
        self.health.state = ScaleState.SILENT
        return ScaleSilent(f"{text!r}: no reply in {timeout_s:g} s")

    def _garbled(self, why: str) -> None:
        self._garbled_since_reply += 1
        self.health.framing_errors += 1
        self.health.last_error = why
        wire_log.debug("MT-SICS: %s", why)

    def _drain_stale_replies(self) -> None:
        with contextlib.suppress(asyncio.QueueEmpty):
            while True:
                stale = self._replies.get_nowait()
                wire_log.debug("MT-SICS: dropping a stale reply %r", stale)
