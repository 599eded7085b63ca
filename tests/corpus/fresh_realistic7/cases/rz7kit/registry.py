"""A tiny task/plugin registry: name -> callable."""
HANDLERS = {}


def register(name):
    def deco(fn):
        HANDLERS[name] = fn
        return fn
    return deco


def resolve(name):
    return HANDLERS[name]
