"""create_pow as the registration helper had it before the fix: it sets the start method on every call."""
import multiprocessing
from typing import Any, Dict, Optional

from .pow import POWSolution, Solver, collect_solution


def solve_for_difficulty_fast(subtensor, wallet, num_processes: int = 2,
                              update_interval: int = 500) -> Optional[POWSolution]:
    # Set mp start to use spawn so the solvers start from a clean interpreter
    multiprocessing.set_start_method('spawn')

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
