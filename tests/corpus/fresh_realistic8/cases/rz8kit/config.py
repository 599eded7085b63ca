"""A process-wide options singleton (shape of a pipeline's config module)."""


class Config:
    """Holds the run's options; every module reads them through get_config()."""

    __options = {}

    def __getattr__(self, name):
        try:
            return Config.__options[name]
        except KeyError:
            raise AttributeError(f"Config has no option {name!r}") from None

    @classmethod
    def _update(cls, values):
        cls.__options.update(values)

    def __len__(self):
        return len(Config.__options)


def update_config(values):
    Config._update(dict(values))
    return Config()


def get_config():
    return Config()
