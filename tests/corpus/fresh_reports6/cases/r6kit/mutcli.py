"""A mutation-testing CLI whose module body fixes the start method (mutmut-style)."""
import multiprocessing

multiprocessing.set_start_method("fork")

HITS = []


def record_hit(name):
    HITS.append(name)
    return len(HITS)


def run_stats():
    from r6kit.mutcli import record_hit as hit
    return hit("stats")


if __name__ == "__main__":
    run_stats()
