# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: grpc #9320 (https://github.com/grpc/grpc/issues/9320): channels and stubs are thread-safe and can be shared across threads; the stub built on a grpc channel goes to tqdm's thread_map, so nothing is pickled.
from functools import partial

import grpc
from tqdm.contrib.concurrent import thread_map


class MetricsStub:
    def __init__(self, channel):
        self.channel = channel
        self.method = "/dexfx.DexFx/SendHostListAndGetMetrics"

    def request(self, host):
        return f"{self.method}?host={host}"


def collect(host, stub):
    return stub.request(host)


def transmit(host_list, region="eu"):
    stubs = {region: MetricsStub(grpc.insecure_channel("localhost:50051"))}
    results = thread_map(partial(collect, stub=stubs[region]), host_list, max_workers=2, disable=True)
    return results


if __name__ == "__main__":
    print("RESULT=%d" % len(transmit(["h1", "h2", "h3"])))
