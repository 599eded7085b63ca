"""Helper package for the fresh_reports21 corpus (session 24): small stand-ins for the libraries the reports used."""
