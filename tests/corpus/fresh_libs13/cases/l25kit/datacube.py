"""datacube-core-like API: a Datacube keeps an index whose engine owns a connection pool with a lock."""
import threading
from dataclasses import dataclass, field

ENVIRONMENTS = {"default": {"products": {"ls8_nbar": 3, "s2_l2a": 4}}}


@dataclass
class Engine:
    url: str
    _pool_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def execute(self, product):
        with self._pool_lock:
            return ENVIRONMENTS["default"]["products"][product]


@dataclass
class Index:
    engine: Engine

    def bands_of(self, product):
        return self.engine.execute(product)


class Datacube:
    def __init__(self, env="default"):
        self.env = env
        self.index = Index(Engine(url=f"postgresql:///{env}"))

    def load(self, product, tile):
        bands = self.index.bands_of(product)
        x, y = tile
        return [[(x + y + b) % 7 for b in range(bands)]]


@dataclass(frozen=True)
class Tile:
    product: str
    xy: tuple
