"""l26kit: small stand-ins for the projects behind fresh_libs14 (an httpx feed poller, RITnet's eye-image
dataset, pubmed_parser's MEDLINE reader, socorro's crash-storage check, featuretools' feature matrix, an
auto-sklearn-like classifier with time-limited fits, myscan's redis-backed scanner, gwpy's LIGO_LW reader)."""
