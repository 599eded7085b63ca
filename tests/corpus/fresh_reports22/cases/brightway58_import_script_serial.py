# family: guard
# hazard: none
# line: none
# files: r25kit/ecospold.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/brightway-lca/brightway2/issues/58 -- the resolution given in the thread: the same top-level script passes use_mp=False to SingleOutputEcospold2Importer, so the extractor parses the datasets in the process itself and no worker ever re-imports the script
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
    use_mp=False,
)
project.register(ei)
status = report(project)
sys.exit(status)
