"""Helper package shared by the fresh_reports9 cases (reduced library code from the threads)."""
