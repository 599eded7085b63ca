# family: daemon
# hazard: none
# line: none
# files: r14kit/socket_server.py r14kit/browser_manager.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/openwpm/OpenWPM/pull/263 -- the fix: "Set daemon to false to fix the socketio server"; the BrowserManager process is started with daemon = False, so it may start the extension socket server process (which it closes and joins at shutdown)
"""A small OpenWPM-like crawl: one browser process visits a few sites; the browser talks to its
extension through a socket server process it starts itself."""
import argparse
import sys
from multiprocessing import Process, Queue
from queue import Empty as EmptyQueue

from r14kit.browser_manager import BrowserManager


class BrowserCrashError(Exception):
    pass


class BrowserConfigError(Exception):
    pass


class Browser:
    _SPAWN_TIMEOUT = 10

    def __init__(self, manager_params, browser_params):
        self.manager_params = manager_params
        self.browser_params = browser_params
        self.browser_manager = None
        self.command_queue = None
        self.status_queue = None

    def check_queue(self, launch_status):
        result = self.status_queue.get(True, self._SPAWN_TIMEOUT)
        if result[0] == "STATUS":
            launch_status[result[1]] = True
            return result[2]
        if result[0] == "CRITICAL":
            raise BrowserConfigError(result[1])
        raise BrowserCrashError("Browser spawn returned failure status: %s" % (result[1],))

    def launch_browser_manager(self):
        launch_status = {}
        self.command_queue, self.status_queue = Queue(), Queue()
        args = (self.command_queue, self.status_queue, self.browser_params, self.manager_params)
        self.browser_manager = Process(target=BrowserManager, args=args)
        self.browser_manager.daemon = False
        self.browser_manager.start()
        self.check_queue(launch_status)  # profile created
        self.check_queue(launch_status)  # browser launched
        ready = self.check_queue(launch_status)
        return ready == "READY"

    def run(self, command):
        self.command_queue.put(command)
        result = self.status_queue.get(True, self._SPAWN_TIMEOUT)
        if result[0] != "OK":
            raise BrowserCrashError(str(result))
        return result[1]

    def shutdown(self):
        self.command_queue.put("SHUTDOWN")
        self.browser_manager.join(10)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="crawl")
    parser.add_argument("sites", nargs="*", default=["http://a.test", "http://b.test", "http://c.test"])
    args = parser.parse_args(argv)
    browser = Browser({"data_directory": "/tmp"}, {"crawl_id": 7, "extension_enabled": True})
    try:
        browser.launch_browser_manager()
    except (EmptyQueue, BrowserCrashError) as e:
        print("BROWSER 7: Spawn unsuccessful", e)
        return 1
    records = [browser.run(("GET", url)) for url in args.sites]
    browser.shutdown()
    print(f"RESULT={len(records)}:{records[-1]}")
    return 0 if records == args.sites else 3


if __name__ == "__main__":
    sys.exit(main())
