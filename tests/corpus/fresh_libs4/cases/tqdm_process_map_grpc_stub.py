# family: args
# hazard: unpicklable-argument
# line: 27
# expect: fork=error:TypeError spawn=error:TypeError forkserver=error:TypeError
# note: grpc #20365 (https://github.com/grpc/grpc/issues/20365): stubs built on grpc channels for every host are handed to a process pool; here tqdm's process_map receives a partial holding a stub whose grpc Channel cannot be pickled ("no default __reduce__ due to non-trivial __cinit__").
from functools import partial

import grpc
from tqdm.contrib.concurrent import process_map


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
    results = process_map(partial(collect, stub=stubs[region]), host_list, max_workers=2, disable=True)
    return results


if __name__ == "__main__":
    print("RESULT=%d" % len(transmit(["h1", "h2", "h3"])))
