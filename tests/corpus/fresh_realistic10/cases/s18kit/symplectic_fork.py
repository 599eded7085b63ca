"""Adjacency of an operator list, one row per pool task, forcing the fork context."""
import multiprocessing as mp

from s18kit.pauli import commutes_row, parse


def adjacency_matrix(terms, processes=2):
    rows = [parse(t) for t in terms]
    with mp.get_context("fork").Pool(processes) as pool:
        return pool.map(commutes_row, [(r, rows) for r in rows])
