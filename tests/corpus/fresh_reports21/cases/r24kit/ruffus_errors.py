"""ruffus_exceptions-like base class and the job runner that turns a failure into a plain tuple."""
import sys
import traceback


class error_task(Exception):
    def __init__(self, *errmsg):
        Exception.__init__(self, *errmsg)
        self.tasks = set()
        self.main_msg = ""

    def get_main_msg(self):
        return self.main_msg


def run_pooled_job_without_exceptions(job):
    """Run one job in a pool worker; failures come back as (task, job, exc name, exc value, stack)."""
    task_name, job_name, func, args = job
    try:
        return ("ok", func(*args))
    except Exception:
        exc_type, exc_value, exc_tb = sys.exc_info()
        return ("failed", (task_name, job_name, exc_type.__name__, str(exc_value),
                           "".join(traceback.format_tb(exc_tb))))


def count_words(path_text):
    words = path_text.split()
    if not words:
        raise ValueError("empty input file")
    return len(words)
