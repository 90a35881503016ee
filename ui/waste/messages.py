"""Plain messages for waste errors, chosen by exception type, never by text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app import errors
from app.waste import errors as waste_errors


def message_for(error: BaseException) -> str:
    """The sentence a porter or keeper reads for ``error``."""
    table: list[tuple[type[BaseException], Callable[[], str]]] = [
        (
            waste_errors.UnknownBag,
            lambda: QCoreApplication.translate(
                "WasteMessages", "No bag has this code."
            ),
        ),
        (
            waste_errors.BagAlreadyExists,
            lambda: QCoreApplication.translate(
                "WasteMessages", "This bag code is already registered. Use a new label."
            ),
        ),
        (
            waste_errors.WrongBagState,
            lambda: QCoreApplication.translate(
                "WasteMessages", "This bag is not at this step of its journey."
            ),
        ),
        (
            waste_errors.WeightNotUsable,
            lambda: QCoreApplication.translate(
                "WasteMessages", "Wait until the scale shows a stable weight."
            ),
        ),
        (
            waste_errors.HandoverRefused,
            lambda: QCoreApplication.translate(
                "WasteMessages", "The handover needs the ward nurse and the porter."
            ),
        ),
        (
            waste_errors.IntakeBlocked,
            lambda: QCoreApplication.translate(
                "WasteMessages",
                "The weight differs from the collection weight. Give a reason.",
            ),
        ),
        (
            waste_errors.OutboundRefused,
            lambda: QCoreApplication.translate(
                "WasteMessages", "The outbound handover is incomplete."
            ),
        ),
        (
            waste_errors.OverrideRefused,
            lambda: QCoreApplication.translate(
                "WasteMessages",
                "Only an administrator may type a weight, with a reason.",
            ),
        ),
        (
            errors.NotAllowed,
            lambda: QCoreApplication.translate(
                "WasteMessages", "You do not have the right to do this."
            ),
        ),
        (
            errors.CareloopError,
            lambda: QCoreApplication.translate(
                "WasteMessages", "The step could not be recorded."
            ),
        ),
    ]
    for kind, message in table:
        if isinstance(error, kind):
            return message()
    return QCoreApplication.translate(
        "WasteMessages", "Something went wrong. The step was not recorded."
    )
