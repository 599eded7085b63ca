"""Helper package for the fresh_reports12 corpus: small project modules the case programs import."""
