"""opskit: the small in-house toolkit shared by the fresh_realistic6 programs.

Each module imitates the part of a real project that the programs lean on: a live
test server launcher, a fitting model that owns a worker pool, a model registry, a
run-time configuration module, a feature-extraction process factory, a task pool,
a locked reader, a parallel helper, an FTP-style server and a record validator.
"""
__all__ = []
