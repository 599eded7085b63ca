# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of a seeded-parent hazard: random.seed() in the parent only drives the parent's own choice of task parameters, which are passed explicitly; each worker derives its RNG from the seed in its arguments, so results are reproducible under every method. Modelled on https://bbabenko.github.io/multiprocessing-and-seeded-RNGs/ (seed each worker explicitly instead of relying on inherited RNG state).
"""Monte Carlo estimate of pi with reproducible per-task seeds."""
import multiprocessing
import random
import sys

TASKS = 4
SAMPLES = 2000


def sample(task):
    seed, n = task
    rng = random.Random(seed)
    return sum(1 for _ in range(n) if rng.random() ** 2 + rng.random() ** 2 <= 1.0)


def make_tasks(master_seed):
    random.seed(master_seed)
    return [(random.randrange(1 << 30), SAMPLES) for _ in range(TASKS)]


def main():
    tasks = make_tasks(2024)
    with multiprocessing.Pool(2) as pool:
        hits = pool.map(sample, tasks)
    expected = [sample(t) for t in tasks]
    estimate = 4 * sum(hits) / (TASKS * SAMPLES)
    print(f"RESULT={hits == expected}")
    print(f"pi ~= {estimate:.3f}")
    if hits != expected:
        sys.exit(3)


if __name__ == "__main__":
    main()
