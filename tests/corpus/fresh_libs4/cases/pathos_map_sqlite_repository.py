# family: args
# hazard: unpicklable-argument
# line: 24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: pathos #224 (https://github.com/uqfoundation/pathos/issues/224): pathos' ProcessingPool maps over objects read from an open store; here each task gets an l4kit.db.Repository opened with Repository.open(), whose sqlite3 connection dill cannot pickle either.
import os
import tempfile

from pathos.multiprocessing import ProcessingPool as Pool

from l4kit.db import Repository, seed


def lookup(repo, item_id):
    return repo.name_of(item_id)


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "episodes.db")
    seed(path)
    repo = Repository.open(path)
    ids = [1, 2, 3]
    pool = Pool(2)
    names = pool.map(lookup, [repo] * len(ids), ids)
    pool.close()
    pool.join()
    print("RESULT=" + ",".join(names))
