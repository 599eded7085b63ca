# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/google-deepmind/open_spiel/issues/505: the same `launch(fn, *args, **kwargs)` wrapper, given a module-level handler with the room passed as an argument, so the target pickles by name under spawn and forkserver.
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


def handle(room, turns, verbose=False):
    rng = random.Random(sum(map(ord, room)))
    score = sum(rng.randint(1, 6) for _ in range(turns))
    if verbose:
        print(f"room {room}: {turns} turns, score {score}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--rooms", nargs="*", default=["lobby", "arena", "garden"])
    args = parser.parse_args()

    procs = [launch(handle, room, args.turns, verbose=True) for room in args.rooms]
    for proc in procs:
        proc.join()
    print("exit codes", [p.exitcode for p in procs])


if __name__ == "__main__":
    main()
