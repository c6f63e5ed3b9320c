"""Dorsi: measure, restore and keep ankle dorsiflexion."""

__version__ = "0.1.0"
