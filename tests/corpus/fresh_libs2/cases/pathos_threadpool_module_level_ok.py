# family: pathos
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: swansonk14/p_tqdm#3 (pathos pools used as a drop-in map) with pathos' ThreadPool at module level of a flat script: threads, so neither a guard nor pickling is involved.
"""Flat script: check a list of hostnames for formatting problems in threads."""
import re
import sys

from pathos.pools import ThreadPool

HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9-]+)*$")



def read_inventory():
    # stands in for reading an inventory file
    return ["db-1.internal", "Bad_Host", "api.example.org", "-leading.dash"]


hosts = read_inventory()
pool = ThreadPool(nodes=4)
flags = pool.map(lambda h: bool(HOST_RE.match(h)), hosts)
pool.close()
pool.join()
pool.clear()

for host, ok in zip(hosts, flags):
    print(f"{host}: {'ok' if ok else 'invalid'}")
print(f"RESULT={flags}")
if flags != [True, False, True, False]:
    sys.exit(3)
