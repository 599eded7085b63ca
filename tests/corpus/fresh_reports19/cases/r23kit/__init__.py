"""Helper package for the fresh_reports19 corpus (small stand-ins for the libraries of the source threads)."""
