# family: returns
# hazard: unpicklable-exception
# line: 25
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/python/cpython/issues/120810 ("Unpickling Exceptions with keyword arguments in multiprocessing throws an error": `class Foo(Exception)` with `__init__(self, foo, bar)` that never calls super().__init__, returned from a ProcessPoolExecutor.map task as `Foo(foo=42, bar=x)`). The validator returns its errors instead of raising them, built with keyword arguments, so their args are empty and the parent cannot rebuild them; the executor reports a broken pool.
"""Validate form submissions in worker processes; errors are collected, not raised."""
from concurrent.futures import ProcessPoolExecutor

REQUIRED = ("name", "email", "country")


class FieldError(Exception):
    def __init__(self, field, value):
        self.field = field
        self.value = value

    def __str__(self):
        return f"{self.field}: invalid value {self.value!r}"


def check_submission(form):
    for name in REQUIRED:
        value = form.get(name, "")
        if not value:
            return FieldError(field=name, value=value)
    return None


def main():
    forms = [
        {"name": "Ada", "email": "ada@example.org", "country": "UK"},
        {"name": "", "email": "x@example.org", "country": "FR"},
        {"name": "Lin", "email": "lin@example.org", "country": ""},
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(check_submission, forms, timeout=20))
    errors = [str(o) for o in outcomes if o is not None]
    print("RESULT=%s" % errors)


if __name__ == "__main__":
    main()
