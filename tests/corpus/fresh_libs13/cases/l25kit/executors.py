"""A ProcessPoolExecutor whose callables, arguments and results travel as cloudpickle bytes."""
from concurrent.futures import Future, ProcessPoolExecutor

import cloudpickle


class _CloudCall:
    def __init__(self, fnc):
        self.payload = cloudpickle.dumps(fnc)

    def __call__(self, dumped_args, dumped_kwargs):
        fnc = cloudpickle.loads(self.payload)
        args = cloudpickle.loads(dumped_args)
        kwargs = cloudpickle.loads(dumped_kwargs)
        return cloudpickle.dumps(fnc(*args, **kwargs))


class CloudpickleProcessPoolExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        inner = super().submit(_CloudCall(fn), cloudpickle.dumps(args), cloudpickle.dumps(kwargs))
        outer = Future()

        def _relay(done):
            exc = done.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(cloudpickle.loads(done.result()))

        inner.add_done_callback(_relay)
        return outer
