# family: exceptions
# hazard: unpicklable-exception
# line: 30
# timeout: 10
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: Shape of https://github.com/SatelliteQE/broker/pull/105 ("Make custom exceptions work with multiprocessing ... Set default values instead of required, this allows the exceptions to be pickled by multiprocessing", fixes #104): broker's exceptions took required arguments and passed only a formatted message to Exception.__init__, so one raised in a checkout worker could not be re-created in the parent.
"""Check out hosts from several providers in parallel."""
import multiprocessing
import sys


class BrokerError(Exception):
    pass


class ProviderError(BrokerError):
    def __init__(self, provider, message):
        self.provider = provider
        self.message = message
        super().__init__(f"{provider} encountered the following error: {message}")


class Provider:
    def __init__(self, name, capacity):
        self.name = name
        self.capacity = capacity

    def checkout(self, count):
        if count > self.capacity:
            raise ProviderError(self.name, "not enough hosts (%d > %d)" % (count, self.capacity))
        return ["%s-host-%d" % (self.name, i) for i in range(count)]


PROVIDERS = {"AnsibleTower": 4, "Container": 1}


def checkout_from(request):
    name, count = request
    provider = Provider(name, PROVIDERS[name])
    return provider.checkout(count)


def main():
    requests = [("AnsibleTower", 2), ("Container", 3)]
    with multiprocessing.Pool(2) as pool:
        try:
            hosts = pool.map(checkout_from, requests)
        except BrokerError as exc:
            print("RESULT=error %s" % exc)
            return 0
    print("RESULT=%s" % hosts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
