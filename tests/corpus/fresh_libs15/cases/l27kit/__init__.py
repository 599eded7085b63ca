"""l27kit: small stand-ins for the projects behind fresh_libs15 (premise's ecospold extraction on lxml, a
dataset-statistics CLI with tqdm progress bars, catalyst's loader factory, a tastytrade-like broker session on
httpx, BPR-pytorch's training data, onefl-deduper's linkage on SQLAlchemy, PyBDSF's parallel_map over islands,
w3af's document parsers on lxml.html)."""
