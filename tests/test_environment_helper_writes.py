"""MP304 through a helper: a function that changes os.environ, called by the parent after a process (pool, executor)
started and before another starts. Besides the finding at the call, each write the helper makes is reported, with
that call as related: the write is where the environment changes and what a fix moves before the first start
(deadpool PR #234: a method that projects settings into os.environ, called between a health-check Process and the
job pool). Near misses: the helper called only before the first start, or only after the last one. The runtime
behaviour (the forkserver keeps the environment of its start) is proven in tests/test_fresh_reports7_models.py."""
import textwrap

from helpers import found

FUNCTION_HELPER = '''
    import os
    from concurrent.futures import ProcessPoolExecutor


    def read_region(_):
        return os.environ.get("APP_REGION", "unset")


    def export_region(region):
        os.environ["APP_REGION"] = region


    def run(region):
        {before}
        with ProcessPoolExecutor(1) as warm:
            warm.submit(read_region, 0).result()
        {between}
        with ProcessPoolExecutor(2) as pool:
            return list(pool.map(read_region, range(2)))


    if __name__ == "__main__":
        print(run("eu"))
'''


def _rows(src):
    return sorted(f.start.row for f in found(textwrap.dedent(src), "MP304"))


def test_write_in_a_function_helper_and_the_call():
    src = FUNCTION_HELPER.format(before="pass", between="export_region(region)")
    assert _rows(src) == [11, 18]
    (write,) = [f for f in found(textwrap.dedent(src), "MP304") if f.start.row == 11]
    assert "line 18" in write.message and write.related and write.related[0][0].row == 18


def test_near_miss_helper_called_before_the_first_start():
    assert _rows(FUNCTION_HELPER.format(before="export_region(region)", between="pass")) == []


METHOD_HELPER = '''
    import os
    import multiprocessing


    def probe(name):
        assert os.environ.get("SVC_NAME", name)


    class Service:
        def configure(self, values):
            for key, value in values.items():
                os.putenv(key, value)
                os.environ.setdefault(key, value)

        def check(self):
            child = multiprocessing.Process(target=probe, args=("svc",))
            child.start()
            child.join()


    def main():
        svc = Service()
        svc.check()
        svc.configure({{"SVC_NAME": "jobs"}})
        {after}


    if __name__ == "__main__":
        main()
'''


def test_writes_in_a_method_helper():
    rows = _rows(METHOD_HELPER.format(after="svc.check()"))
    assert rows == [13, 14, 25]


def test_near_miss_no_start_after_the_helper():
    assert _rows(METHOD_HELPER.format(after="pass")) == []
