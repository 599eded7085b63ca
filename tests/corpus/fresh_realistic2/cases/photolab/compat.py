"""Start-method helpers: use fork where the platform has it."""
import multiprocessing


def fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
