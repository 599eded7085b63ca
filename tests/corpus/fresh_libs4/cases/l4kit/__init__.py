"""Small helper package shared by several fresh_libs4 programs (clients, stores, a pipeline)."""
