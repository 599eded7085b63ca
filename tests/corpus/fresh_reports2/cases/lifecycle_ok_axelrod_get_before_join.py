# family: lifecycle
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix for https://github.com/Axelrod-Python/Axelrod/issues/125 ("Parallelisation hangs", a deadlock caused by a large queue): the tournament reads every result from the queue before it joins the workers, so the workers' feeder threads can flush and the workers exit.
"""Play a round-robin tournament, repetitions split over worker processes."""
import multiprocessing
import sys


def play_match(p1, p2, turns):
    score = 0
    for t in range(turns):
        score += (p1 * 31 + p2 * 17 + t) % 5
    return score


def _worker(players, repetitions, turns, done_queue):
    for r in range(repetitions):
        payoffs = [[play_match(a, b, turns) + r for b in range(players)] for a in range(players)]
        done_queue.put(payoffs)


class Tournament:
    def __init__(self, players, turns=200, repetitions=10, processes=2):
        self.players = players
        self.turns = turns
        self.repetitions = repetitions
        self.processes = processes

    def _run_parallel_repetitions(self):
        done_queue = multiprocessing.Queue()
        per_worker = self.repetitions // self.processes
        workers = [multiprocessing.Process(target=_worker, args=(self.players, per_worker, self.turns, done_queue))
                   for _ in range(self.processes)]
        for w in workers:
            w.start()
        results = [done_queue.get() for _ in range(per_worker * self.processes)]
        for w in workers:
            w.join()
        return results

    def play(self):
        return self._run_parallel_repetitions()


def main():
    tournament = Tournament(players=100, turns=20, repetitions=10, processes=2)
    results = tournament.play()
    print("RESULT=%d" % len(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
