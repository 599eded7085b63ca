# family: globals
# hazard: parent-state-not-inherited
# line: 54
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: Reduced from https://github.com/uforia/MatterBot/pull/259 (matterfeed.py: runModules() schedules the bound method self.runModule on a pebble ProcessPool, and runModule reads the module-level `options` that is only assigned under `if __name__ == '__main__'`; on Python 3.14 (forkserver) every one of the 210 feed modules failed instantly). pebble replaced by concurrent.futures.ProcessPoolExecutor (same pickle-by-reference semantics for the bound method); kept the MatterFeed class, the dict of feed modules, futures collected with per-module error handling that re-raises the first failure, and the options global.
"""Poll every configured feed module in parallel and post new items."""
import concurrent.futures
import sys

options = None

FEED_MODULES = {
    "sophos": {"items": ["CVE-2024-0001", "CVE-2024-0002"]},
    "sans": {"items": ["ISC diary 31000"]},
    "darkowl": {"items": []},
}


class Options:
    def __init__(self, channel, max_items):
        self.channel = channel
        self.max_items = max_items


class MatterFeed:
    def __init__(self, modules, workers=2):
        self.modules = modules
        self.workers = workers

    def runModule(self, name):
        feed = self.modules[name]
        posts = ["[%s] %s: %s" % (options.channel, name, item)
                 for item in feed["items"][:options.max_items]]
        return name, posts

    def runModules(self):
        results, errors = {}, []
        with concurrent.futures.ProcessPoolExecutor(max_workers=self.workers) as pool:
            futures = {pool.submit(self.runModule, name): name for name in self.modules}
            for future in concurrent.futures.as_completed(futures):
                try:
                    name, posts = future.result()
                    results[name] = posts
                except Exception as exc:
                    print("Error    : %s module ... %r" % (futures[future], exc))
                    errors.append(exc)
        print("Finished : %d/%d modules ran successfully" % (len(results), len(self.modules)))
        if errors:
            raise errors[0]
        return results


if __name__ == "__main__":
    options = Options(channel="threatintel", max_items=5)
    feed = MatterFeed(FEED_MODULES)
    results = feed.runModules()
    print("RESULT=%d" % sum(len(p) for p in results.values()))
