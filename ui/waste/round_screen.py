"""The porter's round: wards in order, each bag weighed, labelled, handed over.

At each ward the porter puts a bag on the cart's scale; the live weight
locks when the scale says it is stable; one tap on the bag's category
records it and prints its label (a scanned pre-printed code is used when
there is one, otherwise a new code is printed). When the ward's bags are
done, the porter confirms and the ward nurse scans her badge: both together
hand the bags over. No keyboard is needed anywhere on this screen.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.waste import (
    BagRecord,
    Category,
    LockState,
    Person,
    Reading,
    ScaleWeightLock,
    Weight,
)
from app.waste.labels import LabelLayout, bag_label_layout
from ui.waste.common import WasteScreen, big_button, category_name, kilograms
from ui.waste.label_preview import LabelPreview, save_label_pdf
from ui.waste.override_dialog import WeightOverrideDialog
from ui.waste.services import WasteScreenServices

log = logging.getLogger(__name__)

_LOCK_STYLE = {
    LockState.EMPTY: "background: #eef1f5; color: #4b5668;",
    LockState.SETTLING: "background: #fff4c2; color: #5c4400;",
    LockState.LOCKED: "background: #1b7f3a; color: white;",
    LockState.FAULT: "background: #f8b4b4; color: #7a1010;",
    LockState.RECORDED: "background: #dbe7fb; color: #0b3d91;",
}


class RoundScreen(WasteScreen):
    def __init__(
        self, services: WasteScreenServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.lock = ScaleWeightLock()
        self.ward_index = 0
        self.wards_done: set[str] = set()
        self.pending_code: str | None = None
        self.ward_bags: list[BagRecord] = []
        self.nurse: Person | None = None
        self.last_label: LabelLayout | None = None
        self.typed_weight: Weight | None = None
        self.label_pdf: Path | None = None
        self.last_code = ""
        self.override_dialog: WeightOverrideDialog | None = None
        self.printing = False
        self._build()
        self.follow_scale()
        self._show_ward()

    # ----- layout ---------------------------------------------------------

    def _build(self) -> None:
        self.ward_buttons: list[QPushButton] = []
        wards = QVBoxLayout()
        for index, ward in enumerate(self.services.wards):
            button = big_button(ward, f"ward_{index}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, i=index: self._choose_ward(i))
            wards.addWidget(button)
            self.ward_buttons.append(button)
        wards.addStretch(1)

        self.ward_title = QLabel()
        self.ward_title.setObjectName("Title")
        self.weight_label = QLabel()
        self.weight_label.setObjectName("LiveWeight")
        self.weight_label.setMinimumHeight(120)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("LockState")
        self.code_label = QLabel()
        self.code_label.setObjectName("BagCode")

        grid = QGridLayout()
        self.category_buttons: dict[Category, QPushButton] = {}
        for index, category in enumerate(Category):
            button = self._category_button(category)
            grid.addWidget(button, index // 2, index % 2)
            self.category_buttons[category] = button

        centre = QVBoxLayout()
        centre.addWidget(self.ward_title)
        centre.addWidget(self.weight_label)
        centre.addWidget(self.lock_label)
        centre.addWidget(self.code_label)
        centre.addLayout(grid)
        centre.addWidget(self.message)
        centre.addStretch(1)
        self.override_button = big_button(
            self.tr("Type a weight (administrator)"), "type_weight"
        )
        self.override_button.clicked.connect(self.open_override)
        centre.addWidget(self.override_button)

        self.bag_list = QListWidget()
        self.bag_list.setObjectName("WardBags")
        self.preview = LabelPreview()
        self.porter_button = big_button(self.tr("Porter confirms"), "porter_confirms")
        self.porter_button.setCheckable(True)
        self.porter_button.toggled.connect(self._update_handover)
        self.nurse_label = QLabel()
        self.nurse_label.setObjectName("NurseConfirmation")
        self.nurse_label.setWordWrap(True)
        self.handover_button = big_button("", "hand_over", primary=True)
        self.handover_button.clicked.connect(self._hand_over)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Bags at this ward")))
        right.addWidget(self.bag_list, 1)
        right.addWidget(self.preview, 1)
        right.addWidget(self.porter_button)
        right.addWidget(self.nurse_label)
        right.addWidget(self.handover_button)

        row = QHBoxLayout(self)
        row.addLayout(wards, 2)
        row.addLayout(centre, 5)
        row.addLayout(right, 4)

    def _category_button(self, category: Category) -> QPushButton:
        translated = category_name(category)
        text = category.chinese_name
        if translated != category.chinese_name:
            text = f"{category.chinese_name}\n{translated}"
        button = big_button(text, f"category_{category.value}")
        button.setMinimumHeight(96)
        button.setStyleSheet(
            f"QPushButton {{ background: {category.colour_hex}; "
            f"color: {category.facts.text_colour_hex}; font-size: 22px; "
            "font-weight: 700; border: 3px solid #333; border-radius: 12px; "
            "padding: 4px; }"
            "QPushButton:disabled { background: #c9ced6; color: #7b8494; "
            "border-color: #9aa6b8; }"
        )
        button.clicked.connect(lambda _=False, c=category: self.record_bag(c))
        return button

    # ----- the ward ---------------------------------------------------------

    @property
    def ward(self) -> str:
        return self.services.wards[self.ward_index]

    def _choose_ward(self, index: int) -> None:
        self.ward_index = index
        self._show_ward()

    def _show_ward(self) -> None:
        for index, button in enumerate(self.ward_buttons):
            ward = self.services.wards[index]
            done = "  ✓" if ward in self.wards_done else ""
            button.setText(f"{index + 1}. {ward}{done}")
            button.setChecked(index == self.ward_index)
        self.ward_title.setText(self.tr("Ward: %1").replace("%1", self.ward))
        self.nurse = None
        self.porter_button.setChecked(False)
        self.pending_code = None
        self._show_lock()
        self._load_ward_bags()

    def _load_ward_bags(self) -> None:
        porter = self.services.signed_in()
        if porter is None:
            self.ward_bags = []
            self._show_bags()
            return
        ward = self.ward
        self.jobs.read(
            lambda: self.services.waste.ward_bags(ward, porter),
            self._ward_bags_loaded,
            self.show_error,
        )

    def _ward_bags_loaded(self, bags: list[BagRecord]) -> None:
        self.ward_bags = bags
        self._show_bags()

    def _show_bags(self) -> None:
        self.bag_list.clear()
        for bag in self.ward_bags:
            typed = self.tr(" (typed)") if bag.weight_typed else ""
            self.bag_list.addItem(
                f"{bag.code}  {category_name(bag.category)}  "
                f"{kilograms(bag.collection_weight_g)}{typed}"
            )
        self._update_handover()

    # ----- the scale --------------------------------------------------------

    def hideEvent(self, event: object) -> None:
        self.lock.release(recorded=False)

    def on_scale_fault(self, error: Exception) -> None:
        self.lock.lose()
        self._show_lock()
        self.say(self.tr("The scale is not answering. Check its cable."))

    def on_reading(self, reading: Reading) -> None:
        self.lock.offer(reading)
        self._show_lock()

    def _show_lock(self) -> None:
        if self.typed_weight is not None:
            self._show_typed(self.typed_weight)
            return
        state = self.lock.state
        shown = self.lock.locked_g if state is LockState.LOCKED else self.lock.live_g
        self.weight_label.setText(kilograms(shown))
        self.weight_label.setStyleSheet(
            f"{_LOCK_STYLE[state]} font-size: 64px; font-weight: 700; "
            "border-radius: 12px; padding: 8px;"
        )
        texts = {
            LockState.EMPTY: self.tr("Put the bag on the scale"),
            LockState.SETTLING: self.tr("Weighing… hold still"),
            LockState.LOCKED: self.tr("Weight locked: tap the bag's category"),
            LockState.FAULT: self.tr("The scale is out of range"),
            LockState.RECORDED: self.tr("Recorded: take the bag off the scale"),
        }
        self.lock_label.setText(texts[state])
        code = self.pending_code or self.tr("new label")
        self.code_label.setText(self.tr("Bag code: %1").replace("%1", code))
        for button in self.category_buttons.values():
            button.setEnabled(state is LockState.LOCKED and not self.printing)

    def _show_typed(self, weight: Weight) -> None:
        self.weight_label.setText(kilograms(weight.grams) + self.tr(" (typed)"))
        self.weight_label.setStyleSheet(
            "background: #e07b00; color: black; font-size: 56px; font-weight: 700; "
            "border-radius: 12px; padding: 8px;"
        )
        assert weight.override_by is not None
        self.lock_label.setText(
            self.tr("Typed by %1: tap the bag's category").replace(
                "%1", weight.override_by.name
            )
        )
        for button in self.category_buttons.values():
            button.setEnabled(not self.printing)

    def open_override(self) -> None:
        """The administrator's typed weight, for a bag the scale cannot weigh."""
        dialog = WeightOverrideDialog(self.services, self)
        dialog.accepted.connect(lambda: self._typed_weight_given(dialog))
        self.override_dialog = dialog
        dialog.open()

    def _typed_weight_given(self, dialog: WeightOverrideDialog) -> None:
        self.typed_weight = dialog.weight
        self.override_dialog = None
        self._show_lock()

    # ----- scans ------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        """A badge is the ward nurse's confirmation; anything else a bag code."""
        self.jobs.read(
            lambda: self.services.waste.person_by_badge(code),
            lambda person: self._scan_resolved(code, person),
            self.show_error,
        )

    def _scan_resolved(self, code: str, person: Person | None) -> None:
        if person is None:
            self.pending_code = code.strip().upper()
            self.say(self.tr("Pre-printed label scanned"))
            self._show_lock()
            return
        porter = self.services.signed_in()
        own_badge = porter is not None and person.staff_number == porter.staff_number
        if own_badge or not person.is_ward_nurse:
            self.say(self.tr("The ward nurse must scan her own badge"))
            return
        self.nurse = person
        self._update_handover()

    # ----- recording a bag ----------------------------------------------------

    def record_bag(self, category: Category) -> None:
        porter = self.services.signed_in()
        if porter is None:
            self.say(self.tr("Sign in first"))
            return
        try:
            weight = self.typed_weight or self.lock.weight()
        except Exception as error:
            self.show_error(error)
            return
        self.printing = True
        self._show_lock()
        code, ward = self.pending_code, self.ward
        self.jobs.command(
            lambda: self.services.waste.register_bag(
                bag_code=code,
                category=category,
                department=ward,
                weight=weight,
                porter=porter,
            ),
            lambda bag: self._bag_recorded(bag, porter),
            self._record_failed,
        )

    def _record_failed(self, error: BaseException) -> None:
        self.printing = False
        self._show_lock()
        self.show_error(error)

    def _bag_recorded(self, bag: BagRecord, porter: Person) -> None:
        if self.typed_weight is None:
            self.lock.release()
        self.typed_weight = None
        self.pending_code = None
        self.ward_bags.append(bag)
        self._show_bags()
        layout = bag_label_layout(
            bag,
            hospital=self.services.hospital,
            porter=porter.name,
            zone=self.services.zone,
        )
        self.last_label, self.last_code = layout, bag.code
        self.preview.show_layout(layout)
        self.say(self.tr("Printing the label…"))
        self.jobs.read(
            lambda: self.services.printer.print_label(layout),
            self._label_printed,
            self._print_failed,
        )

    def _label_printed(self, _: None) -> None:
        self.printing = False
        self._show_lock()
        self.say_done(self.tr("Bag recorded, label printed"))

    def _print_failed(self, error: BaseException) -> None:
        """The bag is on record; keep its label as a PDF to print elsewhere."""
        self.printing = False
        self._show_lock()
        log.warning("label printer failed: %s: %s", type(error).__name__, error)
        self.message.setStyleSheet("color: #b3261e; font-size: 20px;")
        self.message.setText(
            self.tr("Bag recorded, but the label did not print. Check the printer.")
        )
        layout, code = self.last_label, self.last_code
        if layout is None:
            return
        folder = self.services.manifest_folder / "labels"
        path = folder / f"label-{code}.pdf"

        def keep() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            save_label_pdf(layout, path)
            return path

        self.jobs.read(keep, self._label_kept, self.show_error)

    def _label_kept(self, path: Path) -> None:
        self.label_pdf = path
        self.message.setText(
            self.tr(
                "Bag recorded, but the label did not print. It was saved as %1."
            ).replace("%1", path.name)
        )

    # ----- the handover -------------------------------------------------------

    def _update_handover(self) -> None:
        if self.nurse is None:
            self.nurse_label.setText(self.tr("Ward nurse: scan your badge"))
        else:
            self.nurse_label.setText(
                self.tr("Ward nurse confirmed: %1").replace("%1", self.nurse.name)
            )
        count = len(self.ward_bags)
        self.handover_button.setText(self.tr("Hand over %n bag(s)", "", count))
        self.handover_button.setEnabled(
            count > 0 and self.nurse is not None and self.porter_button.isChecked()
        )

    def _hand_over(self) -> None:
        porter = self.services.signed_in()
        if porter is None or self.nurse is None:
            return
        ward, nurse = self.ward, self.nurse
        codes = [bag.code for bag in self.ward_bags]
        self.handover_button.setEnabled(False)
        self.jobs.command(
            lambda: self.services.waste.confirm_ward_handover(
                department=ward, bag_codes=codes, ward_nurse=nurse, porter=porter
            ),
            self._handed_over,
            self._handover_refused,
        )

    def _handover_refused(self, error: BaseException) -> None:
        self._update_handover()
        self.show_error(error)

    def _handed_over(self, bags: list[BagRecord]) -> None:
        self.wards_done.add(self.ward)
        self.say_done(self.tr("%n bag(s) handed over at this ward", "", len(bags)))
        if self.ward_index + 1 < len(self.services.wards):
            self.ward_index += 1
        message = self.message.text()
        self._show_ward()
        self.say_done(message)
