"""Helper package of the fresh_reports23 corpus: small stand-ins for the libraries in the bug reports."""
