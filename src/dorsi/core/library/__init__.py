"""The exercise library (SPEC §3): exercises as validated data."""
