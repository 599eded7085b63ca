"""Lookup tables registered under a name in this module's namespace and fetched by name."""


def register(name, table):
    globals()[name] = table
    return name


def lookup(name):
    return globals()[name]
