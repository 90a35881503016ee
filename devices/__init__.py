"""Careloop's bottom floor: transports, framers, protocol drivers, simulators.

Qt-free and app-free: bytes in, typed readings out; typed commands in,
bytes out.
"""
