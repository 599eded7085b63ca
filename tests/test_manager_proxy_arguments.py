"""MP210 for a Manager proxy's method call: the proxy sends every argument to the manager's server process
(BaseProxy._callmethod, ForkingPickler), in the caller, under every start method (data/boundaries.json
`proxy_calls`). Observed on 3.11-3.13: `TypeError: cannot pickle '_thread.lock' object` from `update`, `append`, `proxy[key] = v`.
A picklable argument, or the proxy itself handed to a worker, stays silent (fresh_libs7 onvif21: a camera
object stored into a BaseManager's DictProxy)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
    import multiprocessing
    import threading


    class Camera:
        def __init__(self, host):
            self.host = host
            self.lock = threading.Lock()


    def main():
        with multiprocessing.Manager() as manager:
            shared = manager.dict()
            items = manager.list()
            camera = Camera("10.0.0.1")
            CALL
            print("RESULT=", len(shared) + len(items))


    if __name__ == "__main__":
        main()
"""


def program(call):
    return textwrap.dedent(PROGRAM).replace("CALL", call)


@pytest.mark.parametrize("call", [
    'shared.update({"cam": camera})',
    "items.append(camera)",
    "items.extend([threading.Lock()])",
    'shared.setdefault("cam", camera.lock)',
    'shared.__setitem__("cam", (camera, 1))',
    'shared["cam"] = camera',
])
def test_an_unpicklable_proxy_argument(call):
    hits = found(program(call), "MP210")
    assert len(hits) == 1 and "manager's server process" in hits[0].message
    assert "cannot pickle '_thread.lock' object" in hits[0].message


@pytest.mark.parametrize("call", [
    'shared.update({"cam": camera.host})',
    "items.append((camera.host, 80))",
    'shared.get("cam")',
    'shared["cam"] = camera.host',
    'plain = {}; plain["cam"] = camera',
])
def test_a_picklable_proxy_argument_is_silent(call):
    assert not found(program(call), "MP210")


def test_a_thread_lock_method_argument_of_a_plain_dict_is_silent():
    src = program('other = {}; other.update({"cam": camera})')
    assert not found(src, "MP210")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call,fails", [('shared.update({"cam": camera})', True), ("items.append(camera)", True),
                                        ('shared["cam"] = camera', True),
                                        ('shared.update({"cam": camera.host})', False)])
def test_runtime(tmp_path, method, call, fails):
    path = tmp_path / "program.py"
    path.write_text(program(call))
    out = run_program(path, method)
    assert_outcome(out, fails, "cannot pickle '_thread.lock' object", "RESULT= 1")


REGISTERED = """
    import threading
    from multiprocessing.managers import BaseManager, DictProxy

    _devices = {}


    def get_devices():
        return _devices


    class StatusManager(BaseManager):
        pass


    StatusManager.register("get_devices", callable=get_devices, proxytype=DictProxy)
    StatusManager.register("Unlisted", callable=dict, create_method=False)


    class Camera:
        def __init__(self, host):
            self.host = host
            self.lock = threading.Lock()


    class StatusClient:
        def __init__(self, manager):
            self._manager = manager

        def update(self, device_lists):
            devices = self._manager.METHOD()
            devices.update(device_lists)
            return len(devices)


    def register(client, host):
        camera = Camera(host)
        return client.update({host: ITEM})


    def main():
        manager = StatusManager()
        manager.start()
        try:
            print("RESULT=", register(StatusClient(manager), "10.0.0.1"))
        finally:
            manager.shutdown()


    if __name__ == "__main__":
        main()
"""


def registered(item="(camera, host)", method="get_devices"):
    return textwrap.dedent(REGISTERED).replace("ITEM", item).replace("METHOD", method)


def test_a_registered_typeid_proxy_reached_through_the_manager_an_object_keeps():
    """fresh_libs7 onvif21 in one file: the manager given to a client's constructor, the proxy its method makes,
    the camera handed to that method by a caller."""
    hits = found(registered(), "MP210")
    assert [f.start.row for f in hits] == [32] and "Camera" in hits[0].message


@pytest.mark.parametrize("item,method", [("(host, 80)", "get_devices"),          # plain values cross
                                         ("(camera, host)", "get_other"),        # not a registered typeid
                                         ("(camera, host)", "Unlisted")])        # create_method=False: no method
def test_registered_near_misses_are_silent(item, method):
    assert not found(registered(item, method), "MP210")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("item,fails", [("(camera, host)", True), ("(host, 80)", False)])
def test_registered_runtime(tmp_path, method, item, fails):
    path = tmp_path / "program.py"
    path.write_text(registered(item))
    out = run_program(path, method)
    assert_outcome(out, fails, "cannot pickle '_thread.lock' object", "RESULT= 1")
