"""Helper package of the fresh_reports24 corpus: small stand-ins for the libraries of nine bug reports."""
