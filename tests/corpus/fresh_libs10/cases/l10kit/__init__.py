"""Helper kit for the fresh_libs10 corpus: stand-ins for project code the threads quote."""
