"""Careloop's top floor: PySide6 screens, widgets, Qt models and dialogs."""
