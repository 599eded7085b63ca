"""create_pow after the fix: the spawn method is forced for the solve and the old method restored after."""
import multiprocessing
from typing import Any, Dict, Optional

from .pow import POWSolution, Solver, collect_solution


class UsingSpawnStartMethod:
    def __init__(self, force: bool = False):
        self._old_start_method = None
        self._force = force

    def __enter__(self):
        self._old_start_method = multiprocessing.get_start_method(allow_none=True)
        if self._old_start_method is None:
            self._old_start_method = 'spawn'  # default to spawn
        multiprocessing.set_start_method('spawn', force=self._force)

    def __exit__(self, *args):
        # restore the old start method
        multiprocessing.set_start_method(self._old_start_method, force=True)


def solve_for_difficulty_fast(subtensor, wallet, num_processes: int = 2,
                              update_interval: int = 500) -> Optional[POWSolution]:
    # Force the set start method in-case of re-register
    with UsingSpawnStartMethod(force=True):
        block_number = subtensor.get_current_block()
        block_bytes = subtensor.get_block_hash(block_number).encode('utf-8')[2:]
        stop_event = multiprocessing.Event()
        solution_queue = multiprocessing.Queue()
        solvers = [Solver(i, num_processes, update_interval, solution_queue, stop_event,
                          block_bytes, block_number, subtensor.difficulty)
                   for i in range(num_processes)]
        for w in solvers:
            w.start()
        return collect_solution(solution_queue, solvers, stop_event)


def create_pow(subtensor, wallet, num_processes: int = 2) -> Optional[Dict[str, Any]]:
    solution = solve_for_difficulty_fast(subtensor, wallet, num_processes=num_processes)
    return None if solution is None else {
        'nonce': solution.nonce,
        'difficulty': solution.difficulty,
        'block_number': solution.block_number,
        'work': solution.seal.hex(),
    }
