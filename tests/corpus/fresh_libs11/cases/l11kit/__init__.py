"""Helper package for fresh_libs11: small stand-ins for the projects whose threads the programs follow."""
