"""A pool's method held in a name and called through it: `mapper = self.pool.map if self.pool is not None
else map` (emcee's EnsembleSampler, dfm/emcee#335; fresh_reports2/globals_emcee_data_global_pool). The
bound method of what the callers pass is called on each pool they pass, as `self.pool.map(...)` is."""
from helpers import codes, rows

SAMPLER = """
    import multiprocessing

    data = None

    def log_prob(theta):
        return sum(data) - theta

    class Sampler:
        def __init__(self, fn, pool=None):
            self.fn = fn
            self.pool = pool

        def run(self, xs):
            MAPPER
            return list(mapper(self.fn, xs))

    def main():
        global data
        data = [1.0, 2.0]
        POOLED

    if __name__ == "__main__":
        main()
"""
WITH_POOL = "with multiprocessing.Pool(2) as pool:\n            Sampler(log_prob, pool=pool).run([0.5])"
WITHOUT_POOL = "Sampler(log_prob).run([0.5])"


def _src(mapper, pooled=WITH_POOL):
    return SAMPLER.replace("MAPPER", mapper).replace("POOLED", pooled)


def test_a_pool_method_chosen_by_a_conditional_expression_is_followed():
    src = _src("mapper = self.pool.map if self.pool is not None else map")
    assert rows(src, "MP302") == [20]


def test_a_pool_method_bound_to_a_name_is_followed():
    assert rows(_src("mapper = self.pool.imap"), "MP302") == [20]


def test_an_executor_submit_through_a_name_is_followed():
    src = _src("mapper = self.pool.submit", "from concurrent.futures import ProcessPoolExecutor\n"
               "        with ProcessPoolExecutor(2) as pool:\n            Sampler(log_prob, pool=pool).run([0.5])")
    src = src.replace("return list(mapper(self.fn, xs))", "return [mapper(self.fn, x).result() for x in xs]")
    assert rows(src, "MP302") == [20]


def test_the_same_sampler_never_given_a_pool_is_silent():
    # the builtin map runs in the parent: nothing crosses
    assert "MP302" not in codes(_src("mapper = self.pool.map if self.pool is not None else map", WITHOUT_POOL))


def test_a_fork_context_pool_through_the_name_is_silent():
    # emcee#335's fix on macOS: the fork context's children inherit `data`
    src = _src("mapper = self.pool.map if self.pool is not None else map",
               WITH_POOL.replace("multiprocessing.Pool(2)", "multiprocessing.get_context('fork').Pool(2)"))
    assert "MP302" not in codes(src)
