# family: daemon
# hazard: none
# line: none
# files: l28kit/__init__.py l28kit/lungseg.py l28kit/taskqueue.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 90
# note: https://github.com/JoHof/lungmask/issues/47 -- near miss: the work-round the reporter found (celery worker --pool=solo): tasks run in the worker process itself, which is not daemonic, so lungmask's loader workers (l28kit's SliceLoader pool) start normally; spawned or forkserver ones re-import this guarded module and unpickle the module-level SliceDataset
"""CT lung-segmentation service: the API queues studies, a celery-like worker segments each volume with lungmask."""
import argparse
import os

from l28kit import lungseg
from l28kit.taskqueue import App

app = App("ct_lis", pool=os.environ.get("CT_WORKER_POOL", "solo"), concurrency=1)


class LungModel:
    """The service's model object (dr_machine's CT_LIS core.model): wraps lungmask and reports lung volume."""

    def __init__(self, batch_size=4, voxel_ml=0.7):
        self.batch_size = batch_size
        self.voxel_ml = voxel_ml

    def segment(self, volume):
        return lungseg.apply_fused(volume, batch_size=self.batch_size)

    def report(self, study_id, volume):
        mask = self.segment(volume)
        return {"study": study_id, "lung_voxels": int(mask.sum()),
                "lung_ml": round(float(mask.sum()) * self.voxel_ml, 1)}


@app.task
def analyse_study(study_id, seed):
    volume = lungseg.synthetic_ct(seed=seed)
    return LungModel().report(study_id, volume)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--studies", type=int, default=2)
    args = parser.parse_args()
    calls = [(f"{__name__}.analyse_study", (f"CT-{i:03d}", i), {}) for i in range(args.studies)]
    results = app.run_batch(calls)
    for result in results:
        print(result.task_id, result.state, result.value)
    print(f"RESULT={sum(r.state == 'SUCCESS' for r in results)}")


if __name__ == "__main__":
    main()
