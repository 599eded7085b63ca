"""Helper package of the fresh_reports14 corpus: small stand-ins for the projects the cases come from."""
