"""MyPool as triqler 0.1.x had it (multiprocessing_pool.py)."""
from __future__ import print_function

import sys
from multiprocessing import Pool

from .triqler_pgm import init_worker


class MyPool:
    def __init__(self, processes=1, warningFilter="default"):
        self.pool = Pool(processes, lambda: init_worker(warningFilter))
        self.results = []

    def applyAsync(self, f, args):
        r = self.pool.apply_async(f, args)
        self.results.append(r)

    def checkPool(self, printProgressEvery=-1):
        try:
            outputs = list()
            for res in self.results:
                outputs.append(res.get(0xFFFF))
                if printProgressEvery > 0 and len(outputs) % printProgressEvery == 0:
                    print(len(outputs), "/", len(self.results))
            self.pool.close()
            self.pool.join()
            return outputs
        except KeyboardInterrupt:
            self.pool.terminate()
            self.pool.join()
            sys.exit()
