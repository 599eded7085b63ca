"""The application's task table, importable by path ("r10kit.saq_tasks:SAQ_CONFIG")."""


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


SAQ_CONFIG = {"functions": {"add": add, "mul": mul}, "concurrency": 2}
