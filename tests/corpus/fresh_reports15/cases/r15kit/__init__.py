"""Helper package of the fresh_reports15 corpus: small stand-ins for the libraries the reports used."""
