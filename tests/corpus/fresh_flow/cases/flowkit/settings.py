"""Application settings kept as class attributes of a singleton-style class."""


class Settings:
    verbose = False
    scale = 1
    _instance = None

    @classmethod
    def get(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    @classmethod
    def configure(cls, scale, verbose=False):
        cls.scale = scale
        cls.verbose = verbose
