# family: exceptions
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix in https://github.com/lsst/pipe_base/pull/118 ("DM-23477: Allow ScalarError to be constructed from a single parameter": "When being pickled only the single string passed to TypeError is serialized. This leads to an initialization error when the object is recreated"): ScalarError's constructor accepts either its three fields or the single message its args hold, so raising it in a pool worker reaches the parent intact.
"""Run pipeline quanta in a pool; connection errors are reported per quantum."""
import multiprocessing


class ScalarError(TypeError):
    def __init__(self, *args):
        if len(args) == 1:
            super().__init__(args[0])
            return
        key, connection, count = args
        super().__init__("Expected scalar for output dataset field %s, got %d for %s" % (connection, count, key))


def run_quantum(quantum):
    refs = quantum["outputs"]
    if len(refs) != 1:
        raise ScalarError(quantum["dataId"], "calexp", len(refs))
    return refs[0]


if __name__ == "__main__":
    quanta = [{"dataId": "v1", "outputs": ["calexp_v1"]}, {"dataId": "v2", "outputs": ["a", "b"]}]
    try:
        with multiprocessing.Pool(2) as pool:
            done = pool.map(run_quantum, quanta)
    except ScalarError as exc:
        done = "failed: %s" % exc
    print("RESULT=%s" % done)
