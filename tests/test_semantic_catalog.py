"""Standard-library objects judged by the catalog Python wrote itself (semantic/data/pickle_catalog.json,
scripts/probe_pickle.py), not by a list in the code: what a factory makes, what a base class gives its
subclasses, which exceptions cannot be rebuilt in the parent. The near misses are objects the catalog
saw multiprocessing send (a socket: its ForkingPickler hands the descriptor over)."""
from helpers import codes, found, rows

from mpguard.semantic.pickle_catalog import refused, unrebuildable_exceptions


def test_the_catalog_is_read_from_the_data_file():
    what, error = refused("re.match")
    assert what == "re.Match object" and "cannot pickle 're.Match' object" in error
    assert refused("socket.socket") is None  # ForkingPickler sends sockets
    assert refused("re.compile") is None  # patterns pickle
    assert "missing 4 required positional arguments" in unrebuildable_exceptions()["xmlrpc.client.ProtocolError"]


def test_a_task_that_returns_a_re_match():
    src = """
        import re
        from multiprocessing import Pool
        def parse(line):
            return re.match(r"(\\w+)==(\\S+)", line)
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(parse, ["a==1"]))
    """
    assert rows(src, "MP207") == [5]
    assert "re.Match" in found(src, "MP207")[0].message


def test_a_cmd_subclass_handed_to_a_process():
    src = """
        import cmd
        from multiprocessing import Process
        class Shell(cmd.Cmd):
            prompt = "> "
        def serve(shell):
            shell.onecmd("help")
        if __name__ == "__main__":
            p = Process(target=serve, args=(Shell(),))
            p.start()
    """
    [finding] = found(src, "MP203")
    assert finding.start.row == 9 and "cmd.Cmd subclass" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_an_object_holding_a_logging_file_handler_as_a_bound_method_target():
    src = """
        import logging
        from multiprocessing import Process
        class Exporter:
            def __init__(self, path):
                self.handler = logging.FileHandler(path)
            def run(self):
                pass
        if __name__ == "__main__":
            p = Process(target=Exporter("x.log").run)
            p.start()
    """
    [finding] = found(src, "MP201")
    assert "_thread.RLock" in finding.message


def test_buffered_readers_as_pool_items():
    src = """
        from io import BufferedReader, BytesIO
        from multiprocessing import Pool
        def first(f):
            return f.readline()
        if __name__ == "__main__":
            readers = [BufferedReader(BytesIO(b"x")) for _ in range(2)]
            with Pool(2) as pool:
                pool.map(first, readers)
    """
    assert rows(src, "MP203") == [9]


def test_a_standard_exception_that_cannot_be_rebuilt_raised_in_a_task():
    src = """
        from multiprocessing import Pool
        from xmlrpc.client import ProtocolError
        def call(endpoint):
            raise ProtocolError("http://rpc.invalid/", 502, "Bad Gateway", {})
        if __name__ == "__main__":
            with Pool(1) as pool:
                pool.map(call, ["a"])
    """
    [finding] = found(src, "MP208")
    assert finding.start.row == 5 and "missing 4 required positional arguments" in finding.message


def test_a_socket_passed_to_a_process_is_sent_by_multiprocessing():
    src = """
        import socket
        from multiprocessing import Process
        def serve(sock):
            sock.close()
        if __name__ == "__main__":
            p = Process(target=serve, args=(socket.socket(),))
            p.start()
    """
    assert "MP203" not in codes(src)


def test_a_compiled_patterns_search_makes_a_match_and_the_pattern_itself_pickles():
    src = """
        import re
        from multiprocessing import Pool
        VERSION = re.compile(r"(\\w+)==(\\S+)")
        def find(line):
            return VERSION.search(line)
        def pattern(_):
            return VERSION
        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(find, ["a==1"])
                pool.map(pattern, [1])
    """
    assert rows(src, "MP207") == [6]


def test_clients_of_third_party_libraries_are_judged_by_what_pickle_said_of_them():
    """redis and pymongo clients hold locks; requests.Session pickles (scripts/probe_pickle.py)."""
    from helpers import found

    src = """
        import multiprocessing
        import redis
        import requests
        from pymongo import MongoClient
        def fetch(client, key):
            return key
        def main():
            cache = redis.Redis(host="localhost")
            db = MongoClient("mongodb://localhost:27017")
            session = requests.Session()
            with multiprocessing.Pool(2) as pool:
                pool.starmap(fetch, [(cache, "a")])
                pool.starmap(fetch, [(db, "b")])
                pool.starmap(fetch, [(session, "c")])
        if __name__ == "__main__":
            main()
    """
    findings = found(src, "MP203")
    assert [f.start.row for f in findings] == [13, 14]
    assert "redis" in findings[0].message and "cannot pickle '_thread.lock' object" in findings[0].message
    assert "MongoClient" in findings[1].message
