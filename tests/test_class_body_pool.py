"""A Pool made in a class body (`class Service: pool = multiprocessing.Pool(2)`) is made when the class statement
runs: at import for a module-level class, so a spawned child that re-imports the module starts one again and
fails to bootstrap (observed: z2 of the session-11 battery, RuntimeError under spawn, fine under fork). A class
defined inside a function runs when the function does."""
import textwrap

from mpguard.linter.analyze import analyze


def test_a_pool_in_a_module_level_class_body_starts_at_import():
    source = textwrap.dedent("""
        import multiprocessing


        class Service:
            pool = multiprocessing.Pool(2)

            def run(self, xs):
                return self.pool.map(abs, xs)


        if __name__ == "__main__":
            print(Service().run([-1]))
    """)
    assert [(f.code, f.start.row) for f in analyze(source, "case.py").findings] == [("MP101", 6)]


def test_a_class_made_by_a_function_under_the_guard_is_fine():
    source = textwrap.dedent("""
        import multiprocessing


        def make():
            class Service:
                pool = multiprocessing.Pool(2)
            return Service


        if __name__ == "__main__":
            print(make().pool.map(abs, [-1]))
    """)
    assert [f.code for f in analyze(source, "case.py").findings] == []
