"""Helper package of the fresh_libs12 corpus: small stand-ins for the projects' own modules."""
