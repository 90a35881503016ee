"""Scale parser throughput: frames per second per format, through the decoders.

Each format's stream (20,000 frames, fed in 4 KiB chunks as a reader thread
would hand them over) is decoded seven times; the median and the slowest run
are printed, with each format's speed as a ratio to Toledo's. No timing is
asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from devices.scale import mtsics, toledo, xk3190
from devices.scale.framing import FrameDecoder, LineFramer
from devices.scale.reading import ScaleReading

FRAMES = 20_000
RUNS = 7
CHUNK = 4096


def _streams() -> dict[str, tuple[Callable[[], FrameDecoder], bytes]]:
    weights = [Decimal(n % 5000).scaleb(-2) for n in range(FRAMES)]
    return {
        "toledo": (toledo.decoder, b"".join(toledo.encode_frame(w) for w in weights)),
        "xk3190-a9": (
            xk3190.a9_decoder,
            b"".join(xk3190.encode_a9(w, 2) for w in weights),
        ),
        "xk3190-eq": (
            xk3190.equals_decoder,
            b"".join(xk3190.encode_equals(w, 2) for w in weights),
        ),
        "xk3190-eq2": (
            lambda: xk3190.equals_decoder(reversed_=False),
            b"".join(xk3190.encode_equals(w, 2, reversed_=False) for w in weights),
        ),
        "xk3190-a12e": (
            xk3190.a12e_decoder,
            b"".join(xk3190.encode_a12e(w, 2) for w in weights),
        ),
    }


def _frames_per_second(decode: Callable[[bytes], int], stream: bytes) -> list[float]:
    rates = []
    for _ in range(RUNS):
        started = time.perf_counter()
        decoded = decode(stream)
        elapsed = time.perf_counter() - started
        assert decoded == FRAMES, decoded
        rates.append(FRAMES / elapsed)
    return rates


def _continuous(factory: Callable[[], FrameDecoder]) -> Callable[[bytes], int]:
    def decode(stream: bytes) -> int:
        decoder, count = factory(), 0
        for start in range(0, len(stream), CHUNK):
            events = decoder.feed(stream[start : start + CHUNK])
            count += sum(isinstance(e, ScaleReading) for e in events)
        return count

    return decode


def _mtsics(stream: bytes) -> int:
    framer, count = LineFramer(), 0
    for start in range(0, len(stream), CHUNK):
        for line in framer.feed(stream[start : start + CHUNK]):
            if isinstance(line, bytes):
                reply = mtsics.parse_reply(line)
                mtsics.raise_for_reply(reply, "SI")
                mtsics.reading_from_reply(reply)
                count += 1
    return count


def test_parser_throughput() -> None:
    results: dict[str, list[float]] = {}
    for name, (factory, stream) in _streams().items():
        results[name] = _frames_per_second(_continuous(factory), stream)
    # What a balance sends back to SI: "S S      1.234 kg" / "S D ...".
    replies = b"".join(
        b"S %s %10.3f kg\r\n" % (b"SD"[n % 2 : n % 2 + 1], (n % 5000) / 1000)
        for n in range(FRAMES)
    )
    results["mtsics (SI replies)"] = _frames_per_second(_mtsics, replies)

    reference = statistics.median(results["toledo"])
    print(f"\nscale parser throughput, {FRAMES} frames x {RUNS} runs")
    print(f"{'format':<22}{'median f/s':>12}{'slowest f/s':>13}{'vs toledo':>11}")
    for name, rates in results.items():
        median = statistics.median(rates)
        print(
            f"{name:<22}{median:>12,.0f}{min(rates):>13,.0f}{median / reference:>10.2f}x"
        )
