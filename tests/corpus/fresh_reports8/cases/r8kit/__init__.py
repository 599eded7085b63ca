"""Helper package shared by the fresh_reports8 programs (stand-ins for the libraries of each thread)."""
