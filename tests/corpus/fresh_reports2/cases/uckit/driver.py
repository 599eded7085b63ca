"""The Chrome driver: its constructor launches the browser through dprocess.start_detached."""
from uckit import dprocess


class ChromeOptions:
    def __init__(self):
        self.arguments = []

    def add_argument(self, arg):
        self.arguments.append(arg)


class Chrome:
    def __init__(self, options=None, browser_executable_path="/usr/bin/chromium"):
        self.options = options or ChromeOptions()
        status, exe, nargs, pid = dprocess.start_detached(browser_executable_path, *self.options.arguments)
        self.browser_pid = pid
        self.status = status

    def get(self, url):
        return "%s %s" % (self.status, url)

    def quit(self):
        self.status = "closed"
