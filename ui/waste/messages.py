"""Plain messages for waste errors, chosen by exception type, never by text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app import errors
from app.waste import errors as waste_errors


def _tr(text: str) -> str:
    return QCoreApplication.translate("WasteMessages", text)


def message_for(error: BaseException) -> str:
    """The sentence a porter or keeper reads for ``error``."""
    table: list[tuple[type[BaseException], Callable[[], str]]] = [
        (waste_errors.UnknownBag, lambda: _tr("No bag has this code.")),
        (
            waste_errors.BagAlreadyExists,
            lambda: _tr("This bag code is already registered. Use a new label."),
        ),
        (
            waste_errors.WrongBagState,
            lambda: _tr("This bag is not at this step of its journey."),
        ),
        (
            waste_errors.WeightNotUsable,
            lambda: _tr("Wait until the scale shows a stable weight."),
        ),
        (
            waste_errors.HandoverRefused,
            lambda: _tr("The handover needs the ward nurse and the porter."),
        ),
        (
            waste_errors.IntakeBlocked,
            lambda: _tr(
                "The weight differs from the collection weight. Give a reason."
            ),
        ),
        (
            waste_errors.OutboundRefused,
            lambda: _tr("The outbound handover is incomplete."),
        ),
        (
            waste_errors.OverrideRefused,
            lambda: _tr("Only an administrator may type a weight, with a reason."),
        ),
        (errors.NotAllowed, lambda: _tr("You do not have the right to do this.")),
        (errors.CareloopError, lambda: _tr("The step could not be recorded.")),
    ]
    for kind, message in table:
        if isinstance(error, kind):
            return message()
    return _tr("Something went wrong. The step was not recorded.")
