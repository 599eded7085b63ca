"""No main guard: a spawned worker re-imports this script and tries to start a pool while it is
still bootstrapping (Windows, macOS, and Linux with Python 3.14+)."""
from multiprocessing import Pool


def square(x):
    return x * x


with Pool(2) as pool:
    print(pool.map(square, range(4)))
