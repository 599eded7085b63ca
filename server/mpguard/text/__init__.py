"""Layer 1, text: source text and positions (UTF-8 byte columns to code points, in one place), line
breaks, parsing into chunks, text changes, notebooks and IPython cells, and the plain data that is
expressed in text coordinates (positions, edits, fixes, findings). Knows nothing about multiprocessing."""
