"""Shared helpers for the fresh_realistic7 programs."""
