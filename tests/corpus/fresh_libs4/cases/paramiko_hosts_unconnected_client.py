# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: PyGauss #34 (https://github.com/chrisjsewell/PyGauss/issues/34) hit "issues pickling paramiko class" with live sessions; an SSHClient that has not connected yet (no Transport) pickles, so Host records carrying one go through Pool.map and each worker would connect on its own.
import multiprocessing
from dataclasses import dataclass, field

import paramiko


@dataclass
class Host:
    name: str
    port: int = 22
    client: paramiko.SSHClient = field(default_factory=paramiko.SSHClient)


def plan(host):
    connected = host.client.get_transport() is not None
    return f"{host.name}:{host.port}:{int(connected)}"


if __name__ == "__main__":
    hosts = [Host(f"node{i}") for i in range(3)]
    with multiprocessing.Pool(2) as pool:
        print("RESULT=" + ",".join(pool.map(plan, hosts)))
