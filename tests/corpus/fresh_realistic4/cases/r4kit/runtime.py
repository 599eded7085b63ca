import multiprocessing as mp


def configure(method):
    if mp.get_start_method(allow_none=True) is None:
        mp.set_start_method(method)
    return mp.get_context(method)
