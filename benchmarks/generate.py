"""Generate realistic, multiprocessing-heavy Python modules of a given size (deterministic)."""
from __future__ import annotations

import argparse
import random
from pathlib import Path

HEADER = '''"""Generated benchmark module: multiprocessing-heavy code of realistic shape."""
import concurrent.futures
import logging
import multiprocessing as mp
import os
import threading

log = logging.getLogger(__name__)
RESULTS = []
CONFIG = {"scale": 2}
'''

SNIPPETS = [
    '''

def square_{i}(x):
    """Square a number."""
    return x * x * CONFIG["scale"]


def run_pool_{i}(items):
    with mp.Pool(2) as pool:
        out = pool.map(square_{i}, items)
        lazy = pool.map(lambda x: x + {i}, items)
    return out, lazy
''',
    '''

class Worker{i}:
    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()

    def handle(self, item):
        with self.lock:
            return f"{{self.name}}:{{item}}"

    def run(self, items):
        procs = [mp.Process(target=self.handle, args=(x,)) for x in items]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
''',
    '''

def make_scaler_{i}(k):
    def scale(x):
        return x * k
    return scale


def run_executor_{i}(values):
    total = 0
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(square_{j}, v) for v in values]
        for future in concurrent.futures.as_completed(futures):
            total += future.result()
        mapped = list(ex.map(make_scaler_{i}(3), values))
    return total, mapped
''',
    '''

def produce_{i}(q, n):
    for k in range(n):
        q.put(("record", k, "x" * 100))


def consume_{i}(n):
    q = mp.Queue()
    p = mp.Process(target=produce_{i}, args=(q, n))
    p.start()
    p.join()
    return [q.get() for _ in range(n)]
''',
    '''

def collect_{i}(x):
    RESULTS.append(x)
    log.info("collected %s", x)
    return len(RESULTS)


def fan_out_{i}(items, workers=4):
    chunks = [items[k::workers] for k in range(workers)]
    with mp.Pool(workers) as pool:
        pending = [pool.apply_async(collect_{i}, (c,)) for c in chunks]
        sizes = [r.get(timeout=10) for r in pending]
    data = {{"sizes": sizes, "total": sum(sizes), "name": "fan_out_{i}"}}
    if data["total"] > 100:
        log.warning("large fan-out: %d", data["total"])
    return data
''',
]

FOOTER = '''

def main():
    print(run_pool_0(list(range(10))))


if __name__ == "__main__":
    main()
'''


def generate(lines: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts, count, i = [HEADER], HEADER.count("\n"), 0
    while count < lines - FOOTER.count("\n"):
        snippet = SNIPPETS[i % len(SNIPPETS)] if i < len(SNIPPETS) else rng.choice(SNIPPETS)
        text = snippet.format(i=i, j=(i // len(SNIPPETS)) * len(SNIPPETS))
        parts.append(text)
        count += text.count("\n")
        i += 1
    parts.append(FOOTER)
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(Path(__file__).with_name("generated")))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for size in (1_000, 5_000, 20_000):
        (out / f"mp_{size}.py").write_text(generate(size))
    (out / "mp_syntax_error.py").write_text(generate(5_000).replace("def main():", "def main(:", 1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
