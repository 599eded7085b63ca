# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A variant that works, from the same report (https://github.com/botcity-dev/botcity-framework-web-python/issues/28): the search helper is a module-level function given only the screenshot, the threshold and the path, so the bot (and its open log file) stays in the parent.
"""Find several template images on a screenshot in parallel."""
import functools
import multiprocessing
import os
import sys
import tempfile


def _find_one(screenshot, matching, path):
    with open(path) as fh:
        pattern = fh.read()
    score = sum(1 for a, b in zip(pattern, screenshot) if a == b) / max(len(pattern), 1)
    return path, score >= matching


class WebBot:
    def __init__(self, log_path):
        self.state = {"labels": {}}
        self._log = open(log_path, "w")

    def add_image(self, label, path):
        self.state["labels"][label] = path

    def log(self, msg):
        self._log.write(msg + "\n")

    def find_multiple(self, labels, screenshot, matching=0.9):
        paths = [self.state["labels"][label] for label in labels]
        helper = functools.partial(_find_one, screenshot, matching)
        self.log("searching %d images" % len(paths))
        with multiprocessing.Pool(2) as pool:
            results = pool.map(helper, paths)
        return {label: found for label, (_, found) in zip(labels, results)}


def main():
    folder = tempfile.mkdtemp()
    bot = WebBot(os.path.join(folder, "bot.log"))
    for label, text in (("login", "abcd"), ("logout", "wxyz")):
        path = os.path.join(folder, label + ".txt")
        with open(path, "w") as fh:
            fh.write(text)
        bot.add_image(label, path)
    found = bot.find_multiple(["login", "logout"], "abcdefgh")
    print("RESULT=%s" % sorted(found.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
