"""Dialysis at the station: prescriptions, checks, the machine, the record."""
