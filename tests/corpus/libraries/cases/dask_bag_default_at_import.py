# family: dask
# hazard: process-started-at-import
# line: 13
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: A dask.bag pipeline computed at module level with no scheduler argument: bags default to the processes scheduler, which spawns, so the unguarded script fails wherever it runs. Modelled on https://github.com/dask/dask/issues/5956 and https://docs.dask.org/en/stable/bag.html (bags use processes by default).
import json

import dask.bag as db

records = [json.dumps({"id": i, "value": i * i}) for i in range(8)]
bag = db.from_sequence(records, npartitions=2).map(json.loads)
print("RESULT=" + str(bag.pluck("value").sum().compute()))
