"""Careloop's middle floor: domain rules, storage, sync, identity and audit.

Nothing here imports Qt; every rule can be exercised without a QApplication.
"""

__version__ = "0.1.0"
