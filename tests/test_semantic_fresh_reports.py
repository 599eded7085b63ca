"""The general causes the fresh_reports corpus found missing (tests/corpus/fresh_reports/SUMMARY.md,
"What is missed, by general cause"), each on its smallest program, with a hazard-free near miss."""
from helpers import codes, methods, rows

ALL = {"fork", "spawn", "forkserver"}

SEGMENTS = """
    import multiprocessing, threading

    class Segment:
        def __init__(self, name):
            self.name = name
            self._lock = {lock}

    class Dataset:
        def __init__(self):
            self.segments = []

        def add_segment(self, name):
            s = Segment(name)
            self.segments.append(s)
            return s

    def work(s):
        return s.name

    if __name__ == "__main__":
        d = Dataset()
        {fill}
        with multiprocessing.Pool(2) as pool:
            pool.map(work, {iterable})
"""


def segments(lock="threading.Lock()", fill='d.segments.append(Segment("a"))', iterable="d.segments"):
    return SEGMENTS.format(lock=lock, fill=fill, iterable=iterable)


# ---- 1. containers filled through an object's attribute -------------------------------------

def test_items_appended_to_an_attribute_from_outside_reach_the_pool():
    src = segments()
    assert rows(src, "MP203") == [25]
    assert methods(src, "MP203") == ALL  # pickled to reach the pool's workers under every method


def test_items_appended_by_a_method_reach_the_pool():
    src = segments(fill='d.add_segment("a")')
    assert rows(src, "MP203") == [25]
    assert methods(src, "MP203") == ALL


def test_the_object_holding_the_filled_list_is_refused_too():
    assert rows(segments(iterable="[d]"), "MP203") == [25]


def test_picklable_items_in_an_attribute_are_silent():
    assert "MP203" not in codes(segments(lock="None"))
    assert "MP203" not in codes(segments(lock="None", fill='d.add_segment("a")'))


def test_an_attribute_also_stored_as_something_else_is_not_guessed():
    src = segments().replace("            self.segments = []",
                             "            self.segments = []\n\n        def reset(self):\n            self.segments = ()")
    assert "MP203" not in codes(src)


def test_another_attribute_filled_with_locks_does_not_leak():
    src = segments(lock="None", fill='d.other.append(threading.Lock())').replace(
        "            self.segments = []", "            self.segments = []\n            self.other = []")
    assert "MP203" not in codes(src)
