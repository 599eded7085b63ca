"""A tiny Fortran project description: modules and the modules each one uses (ford-like input)."""

PROJECT = {
    "constants": [],
    "kinds": [],
    "mesh": ["constants", "kinds"],
    "solver": ["mesh", "constants"],
    "io": ["kinds"],
    "driver": ["solver", "io", "mesh"],
}


def module_names():
    return sorted(PROJECT)


def uses_of(name):
    return list(PROJECT[name])
