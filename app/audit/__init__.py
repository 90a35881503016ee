"""Append-only, hash-chained audit trail. Public: ``append``, ``verify``."""

from app.audit.trail import Break, append, verify

__all__ = ["Break", "append", "verify"]
