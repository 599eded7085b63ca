"""Helper package of the fresh_reports16 corpus: small stand-ins for the projects the programs come from."""
