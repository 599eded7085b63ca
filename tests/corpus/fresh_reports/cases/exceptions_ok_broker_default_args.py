# family: exceptions
# hazard: none
# line: none
# timeout: 10
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/SatelliteQE/broker/pull/105 ("Set default values instead of required"): every parameter of the exception has a default, so the parent can re-create it from the message alone.
"""Check out hosts from several providers in parallel."""
import multiprocessing
import sys


class BrokerError(Exception):
    pass


class ProviderError(BrokerError):
    def __init__(self, provider=None, message="Unable to complete the request"):
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
