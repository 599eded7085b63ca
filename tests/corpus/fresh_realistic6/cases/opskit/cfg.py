"""Run-time configuration module (after nPoRe's cfg.py): the command line is parsed
once and stored here; every stage reads it through this module."""
args = None
counters = {}


def chunk_width():
    return args.max_n * 2 + 1
