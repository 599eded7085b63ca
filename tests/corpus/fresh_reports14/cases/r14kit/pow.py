"""Proof-of-work registration pieces shared by the registration solvers (bittensor-like)."""
import hashlib
import multiprocessing
from dataclasses import dataclass
from queue import Empty
from typing import Optional


@dataclass
class POWSolution:
    nonce: int
    block_number: int
    difficulty: int
    seal: bytes


class Subtensor:
    """A fake chain endpoint: a fixed block and a tiny difficulty."""

    def __init__(self, network: str = "local", difficulty: int = 64):
        self.network = network
        self.difficulty = difficulty
        self.block = 1000

    def get_current_block(self) -> int:
        return self.block

    def get_block_hash(self, block_number: int) -> str:
        return "0x" + hashlib.sha256(str(block_number).encode()).hexdigest()


class Wallet:
    def __init__(self, name: str, hotkey: str):
        self.name = name
        self.hotkey = hotkey
        self.registered = False

    def is_registered(self, subtensor: Subtensor) -> bool:
        return self.registered


def seal_for(block_bytes: bytes, nonce: int) -> bytes:
    return hashlib.sha256(block_bytes + nonce.to_bytes(8, "little")).digest()


def seal_meets_difficulty(seal: bytes, difficulty: int) -> bool:
    return int.from_bytes(seal[:8], "big") * difficulty < 2 ** 64


class Solver(multiprocessing.Process):
    """One CPU solver: tries the nonces of its stride and reports the first good one."""

    def __init__(self, proc_num, num_proc, update_interval, solution_queue, stop_event,
                 block_bytes, block_number, difficulty):
        multiprocessing.Process.__init__(self, daemon=True)
        self.proc_num = proc_num
        self.num_proc = num_proc
        self.update_interval = update_interval
        self.solution_queue = solution_queue
        self.stop_event = stop_event
        self.block_bytes = block_bytes
        self.block_number = block_number
        self.difficulty = difficulty

    def run(self):
        nonce = self.proc_num
        while not self.stop_event.is_set():
            for _ in range(self.update_interval):
                seal = seal_for(self.block_bytes, nonce)
                if seal_meets_difficulty(seal, self.difficulty):
                    self.solution_queue.put(POWSolution(nonce, self.block_number, self.difficulty, seal))
                    return
                nonce += self.num_proc


def collect_solution(solution_queue, solvers, stop_event, timeout: float = 10.0) -> Optional[POWSolution]:
    try:
        solution = solution_queue.get(timeout=timeout)
    except Empty:
        solution = None
    stop_event.set()
    for w in solvers:
        w.join(timeout=5)
    return solution
