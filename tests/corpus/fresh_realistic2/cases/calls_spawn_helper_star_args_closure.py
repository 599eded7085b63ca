# family: calls
# hazard: unpicklable-callable
# line: 17 38
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/google-deepmind/open_spiel/issues/505 ("spawn_test fails ... on MacOS": `spawn.Process(worker_fn, kwargs=...)`, a thin wrapper that starts a multiprocessing.Process for any callable). A game-server launcher has `launch(fn, *args, **kwargs)`; the caller builds each handler with make_handler(room), a closure, and launches it. Fork never pickles the target; spawn/forkserver fail on the local object.
"""Start one process per game room and let each simulate a few turns.

Usage: rooms.py [--turns N] [--rooms A B ...]
"""
import argparse
import multiprocessing
import random


def launch(fn, *args, **kwargs):
    proc = multiprocessing.Process(target=fn, args=args, kwargs=kwargs)
    proc.start()
    return proc


def make_handler(room):
    rng_seed = sum(map(ord, room))

    def handle(turns, verbose=False):
        rng = random.Random(rng_seed)
        score = sum(rng.randint(1, 6) for _ in range(turns))
        if verbose:
            print(f"room {room}: {turns} turns, score {score}", flush=True)
    return handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--rooms", nargs="*", default=["lobby", "arena", "garden"])
    args = parser.parse_args()

    procs = [launch(make_handler(room), args.turns, verbose=True) for room in args.rooms]
    for proc in procs:
        proc.join()
    print("exit codes", [p.exitcode for p in procs])


if __name__ == "__main__":
    main()
