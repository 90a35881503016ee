from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal

from app.waste import Reading
from app.waste.scale_feed import ScaleFeed
from tests.app.waste.test_weighing import FakeReading


class ScaleUnplugged(Exception):
    pass


async def two_then_unplugged() -> AsyncIterator[Reading]:
    yield FakeReading(Decimal("1.00"))
    yield FakeReading(Decimal("1.01"))
    raise ScaleUnplugged("cable pulled")


def test_every_reading_reaches_every_subscriber_until_the_fault() -> None:
    feed = ScaleFeed()
    first: list[object] = []
    second: list[object] = []
    feed.subscribe(first.append, first.append)
    unsubscribe = feed.subscribe(second.append)

    asyncio.run(feed.follow(two_then_unplugged()))
    unsubscribe()
    feed.publish(FakeReading(Decimal("9.99")))

    assert [getattr(r, "value", None) for r in first[:2]] == [
        Decimal("1.00"),
        Decimal("1.01"),
    ]
    assert isinstance(first[2], ScaleUnplugged)
    assert isinstance(first[3], FakeReading) and first[3].value == Decimal("9.99")
    assert len(second) == 2  # no fault callback given, unsubscribed before 9.99
