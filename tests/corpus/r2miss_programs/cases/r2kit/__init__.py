"""Helpers for the r2miss programs: a scoring library, a name registry and a metrics service."""
