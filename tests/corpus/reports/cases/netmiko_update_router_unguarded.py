# family: guard
# hazard: missing-main-guard
# line: 44
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 6
# note: Modelled on https://github.com/ktbyers/netmiko/issues/2335 ("Unable to run ConnectHandler in Python3 in Mac": running update_cisco_router.py on macOS / Python 3.9 fails inside multiprocessing/spawn.py _fixup_main_from_path, i.e. the script starts processes at module level with no main guard), written in the shape of netmiko's multiprocess example (one Process per device, results through a Queue). ConnectHandler is a stdlib stand-in holding a socket-like object (netmiko's SSH channel); credentials and device list are inline.
"""Push an NTP config line to every router in parallel (user script)."""
import time
from multiprocessing import Process, Queue

DEVICES = [
    {"device_type": "cisco_ios", "host": "10.0.0.1", "username": "admin", "password": "x"},
    {"device_type": "cisco_ios", "host": "10.0.0.2", "username": "admin", "password": "x"},
]


class ConnectHandler:
    """Stand-in for netmiko.ConnectHandler (no network): records the commands sent."""

    def __init__(self, **device):
        self.host = device["host"]
        self.sent = []

    def send_config_set(self, commands):
        self.sent.extend(commands)
        return "%s(config)# %s" % (self.host, "; ".join(commands))

    def disconnect(self):
        pass


def update_router(device, output_q):
    conn = ConnectHandler(**device)
    output = conn.send_config_set(["ntp server 10.0.0.254"])
    conn.disconnect()
    output_q.put({device["host"]: output})


start_time = time.time()
output_q = Queue(maxsize=20)
procs = []
for a_device in DEVICES:
    my_proc = Process(target=update_router, args=(a_device, output_q))
    my_proc.start()
    procs.append(my_proc)

results = {}
for _ in procs:
    results.update(output_q.get(timeout=10))
for a_proc in procs:
    a_proc.join()
print("RESULT=%d" % len(results))
