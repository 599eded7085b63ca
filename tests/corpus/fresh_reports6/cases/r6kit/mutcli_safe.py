"""The same CLI, fixing the start method only when nothing has set it yet."""
import multiprocessing

if multiprocessing.get_start_method(allow_none=True) is None:
    multiprocessing.set_start_method("fork")

HITS = []


def record_hit(name):
    HITS.append(name)
    return len(HITS)


def run_stats():
    from r6kit.mutcli_safe import record_hit as hit
    return hit("stats")


if __name__ == "__main__":
    run_stats()
