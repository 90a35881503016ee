"""Compiled translations (``*.qm``), built by `make translations` from the
``.ts`` sources in resources/translations and shipped as package data."""
