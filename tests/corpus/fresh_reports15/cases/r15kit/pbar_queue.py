"""Progress channel of the tiny progress-bar library (after parallelbar 2.3.1 _worker_queue.py).

The queue the workers report to is made when this module is imported.
"""
import multiprocessing as mp

_WORKER_QUEUE = mp.Manager().Queue()
