"""A reduced knowledge-tracing fitter in the shape of pyBKT: EM over student sequences in a pool."""
