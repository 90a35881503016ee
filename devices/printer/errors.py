"""Errors particular to label printers, under the device floor's tree.

DeviceError
└── LabelError               a label that cannot be rendered as asked
    └── LabelEncodingError   text the printer's encoding cannot carry
"""

from __future__ import annotations

from devices.errors import DeviceError


class LabelError(DeviceError):
    """The label's content cannot be printed (bad bag id, text too long)."""


class LabelEncodingError(LabelError):
    """A text has characters the printer's encoding (GBK for TSPL) lacks."""
