"""Helper package shared by the fresh_values programs (a service factory, errors, fetchers)."""
