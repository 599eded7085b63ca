"""Model registry in the style of vLLM's ModelRegistry: out-of-tree models are
registered by name at run time and resolved by name wherever the model is built."""


class LinearModel:
    def __init__(self, scale=1.0):
        self.scale = scale

    def forward(self, x):
        return self.scale * x


_MODELS = {"linear": LinearModel}


def register(name, model_cls):
    _MODELS[name] = model_cls


def resolve(name):
    try:
        return _MODELS[name]
    except KeyError:
        raise KeyError(f"model {name!r} is not registered; known: {sorted(_MODELS)}") from None


def registered():
    return sorted(_MODELS)
