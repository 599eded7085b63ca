# family: guard
# hazard: unguarded-pool-at-import
# line: 40 r25kit/ecospold.py:20
# files: r25kit/ecospold.py
# timeout: 12
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/brightway-lca/brightway2/issues/58 -- "bw2io.errors.MultiprocessingError: Multiprocessing error; re-run using `use_mp=False`" after "An attempt has been made to start a new process before the current process has finished its bootstrapping phase": a top-level script (Windows) builds SingleOutputEcospold2Importer, whose extractor starts a multiprocessing.Pool, so every spawned worker re-runs the import
"""Import an ecoinvent release into a project database (a top-level notebook-style script)."""
import os
import sys
import tempfile

from r25kit.ecospold import SingleOutputEcospold2Importer


class Project:
    def __init__(self, name):
        self.name = name
        self.databases = {}

    def register(self, importer):
        n, exchanges = importer.statistics()
        self.databases[importer.db_name] = (n, exchanges)
        return n


def dataset_dir():
    path = os.path.join(tempfile.gettempdir(), "ecoinvent-3.9-datasets")
    os.makedirs(path, exist_ok=True)
    return path


def report(project):
    n, exchanges = project.databases["ecoinvent-3.9-cutoff"]
    print(f"RESULT=datasets={n} exchanges={exchanges}")
    return 0 if (n, exchanges) == (6, 72) else 3


project = Project("bw2-ei3.9")
ei = SingleOutputEcospold2Importer(
    dataset_dir(),
    "ecoinvent-3.9-cutoff",
)
project.register(ei)
status = report(project)
sys.exit(status)
