# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/quay/quay/pull/1397 -- the same registry test suite with the live server started the portable way: a module-level serve_app(config, port, ready) target given the app config dataclass, which pickles under every start method
"""Integration tests for the registry API, run against a live server process."""
import json
import multiprocessing
import socket
import unittest
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer


@dataclass
class AppConfig:
    name: str = "registry"
    repositories: dict = field(default_factory=lambda: {"library/ubuntu": ["20.04", "22.04"],
                                                       "library/alpine": ["3.18"]})


class RegistryApp:
    def __init__(self, config):
        self.config = config

    def handler_class(self):
        repos = self.config.repositories

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.strip("/").split("/", 1)[-1]
                body = json.dumps({"tags": repos.get(name, [])}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def run(self, port, ready):
        server = HTTPServer(("127.0.0.1", port), self.handler_class())
        ready.set()
        server.serve_forever()


def serve_app(config, port, ready):
    RegistryApp(config).run(port, ready)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def liveserver_app(app):
    def _spawn_live_server():
        port = free_port()
        ready = multiprocessing.Event()
        proc = multiprocessing.Process(target=serve_app, args=(app.config, port, ready), daemon=True)
        proc.start()
        if not ready.wait(10):
            raise RuntimeError("live server did not come up")
        return proc, f"http://127.0.0.1:{port}"
    return _spawn_live_server


class RegistryAPITest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        spawn = liveserver_app(RegistryApp(AppConfig()))
        cls.server_proc, cls.base_url = spawn()

    @classmethod
    def tearDownClass(cls):
        cls.server_proc.terminate()
        cls.server_proc.join()

    def get_tags(self, repo):
        with urllib.request.urlopen(f"{self.base_url}/v2/{repo}", timeout=5) as resp:
            return json.loads(resp.read())["tags"]

    def test_list_tags(self):
        self.assertEqual(self.get_tags("library/ubuntu"), ["20.04", "22.04"])

    def test_unknown_repository(self):
        self.assertEqual(self.get_tags("library/missing"), [])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    print("RESULT=%d/%d" % (result.testsRun - len(result.failures) - len(result.errors),
                            result.testsRun))
    raise SystemExit(0 if result.wasSuccessful() else 1)
