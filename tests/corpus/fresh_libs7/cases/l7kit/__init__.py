"""Small stand-ins for the libraries and project modules the fresh_libs7 programs use.

Each module keeps the shape of the real code it is named after (see the case notes)."""
