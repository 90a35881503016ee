"""Storage intake: each bag scanned, re-weighed and compared with its collection.

The keeper scans the bag and puts it on the floor scale; the weight locks
when stable and the keeper taps "Receive". A difference beyond the station's
tolerance blocks the intake and shows the two weights; the keeper then taps
one of the reasons (the keeper is the named person on the record) and the
intake goes through with the reason attached.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.waste import BagRecord, IntakeBlocked, LockState, Reading, ScaleWeightLock
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.services import WasteScreenServices


class IntakeScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.lock = ScaleWeightLock()
        self.bag: BagRecord | None = None
        self.blocked: IntakeBlocked | None = None
        self._build()
        self.follow_scale()
        self._show()

    def _build(self) -> None:
        title = QLabel(self.tr("Storage intake"))
        title.setObjectName("Title")
        self.bag_label = QLabel()
        self.bag_label.setObjectName("IntakeBag")
        self.bag_label.setWordWrap(True)
        self.bag_label.setStyleSheet("font-size: 22px;")
        self.weight_label = QLabel()
        self.weight_label.setObjectName("LiveWeight")
        self.weight_label.setMinimumHeight(110)
        self.receive_button = big_button(self.tr("Receive"), "receive", primary=True)
        self.receive_button.clicked.connect(lambda: self._receive(""))
        self.difference = QLabel()
        self.difference.setObjectName("Difference")
        self.difference.setWordWrap(True)
        self.difference.setStyleSheet(
            "color: #b3261e; font-size: 22px; font-weight: 600;"
        )
        self.reasons = QWidget()
        grid = QGridLayout(self.reasons)
        for index, reason in enumerate(self._reason_texts()):
            button = big_button(reason, f"reason_{index}")
            button.clicked.connect(lambda _=False, r=reason: self._receive(r))
            grid.addWidget(button, index // 2, index % 2)

        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addWidget(self.bag_label)
        column.addWidget(self.weight_label)
        column.addWidget(self.receive_button)
        column.addWidget(self.difference)
        column.addWidget(self.reasons)
        column.addWidget(self.message)
        column.addStretch(1)

    def _reason_texts(self) -> list[str]:
        configured = list(self.services.discrepancy_reasons)
        return configured or [
            self.tr("Liquid drained or leaked from the bag"),
            self.tr("The ward scale was not zeroed"),
            self.tr("Bag re-packed at storage"),
            self.tr("Checked with the porter: weight accepted"),
        ]

    def handle_scan(self, code: str) -> None:
        self.jobs.read(
            lambda: self.services.waste.find_bag(code),
            lambda bag: self._bag_found(code, bag),
            self.show_error,
        )

    def _bag_found(self, code: str, bag: BagRecord | None) -> None:
        self.blocked = None
        self.bag = bag
        if bag is None:
            self.say(self.tr("No bag has code %1").replace("%1", code))
        else:
            self.say(self.tr("Put the bag on the scale"))
        self._show()

    def hideEvent(self, event: object) -> None:
        self.lock.release(recorded=False)

    def on_scale_fault(self, error: Exception) -> None:
        self.lock.lose()
        self._show()
        self.say(self.tr("The scale is not answering. Check its cable."))

    def on_reading(self, reading: Reading) -> None:
        self.lock.offer(reading)
        self._show()

    def _show(self) -> None:
        bag = self.bag
        if bag is None:
            self.bag_label.setText(self.tr("Scan a bag to receive it"))
        else:
            self.bag_label.setText(
                self.tr("%1 · %2 · %3 · collected %4")
                .replace("%1", bag.code)
                .replace("%2", category_name(bag.category))
                .replace("%3", bag.department)
                .replace("%4", kilograms(bag.collection_weight_g))
            )
        locked = self.lock.state is LockState.LOCKED
        shown = self.lock.locked_g if locked else self.lock.live_g
        colour = "#1b7f3a; color: white" if locked else "#eef1f5; color: #4b5668"
        self.weight_label.setText(kilograms(shown))
        self.weight_label.setStyleSheet(
            f"background: {colour}; font-size: 56px; font-weight: 700; "
            "border-radius: 12px; padding: 8px;"
        )
        self.receive_button.setEnabled(
            bag is not None and locked and self.blocked is None
        )
        self.reasons.setVisible(self.blocked is not None)
        if self.blocked is None:
            self.difference.clear()

    def _receive(self, reason: str) -> None:
        keeper = self.services.signed_in()
        if keeper is None or self.bag is None:
            self.say(self.tr("Sign in first"))
            return
        try:
            weight = self.lock.weight()
        except Exception as error:
            self.show_error(error)
            return
        self.receive_button.setEnabled(False)
        code = self.bag.code
        self.jobs.command(
            lambda: self.services.waste.receive_bag(
                bag_code=code, weight=weight, keeper=keeper, discrepancy_reason=reason
            ),
            self._received,
            self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, IntakeBlocked):
            self.blocked = error
            self.difference.setText(
                self.tr(
                    "Collected %1, now %2: more than %3 apart. Intake is blocked "
                    "until you choose a reason."
                )
                .replace("%1", kilograms(error.collection_g))
                .replace("%2", kilograms(error.intake_g))
                .replace("%3", kilograms(error.allowed_g))
            )
        self._show()
        self.show_error(error)

    def _received(self, bag: BagRecord) -> None:
        self.blocked = None
        self.bag = None
        self.lock.release()
        self._show()
        self.say_done(
            self.tr("%1 received at %2")
            .replace("%1", bag.code)
            .replace("%2", kilograms(bag.intake_weight_g))
        )
