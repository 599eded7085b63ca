"""A reduced signature extractor in the shape of SigProfilerExtractor: the library runs its NMF replicates on a Pool."""
