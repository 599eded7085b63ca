# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of controlflow_set_start_method_in_ctor: the constructor calls set_start_method() only when get_start_method(allow_none=True) says nothing fixed the method yet, so the second RenderFarm skips it. Modelled on https://github.com/nanome-ai/nanome-lib/pull/264 (make sure set_start_method is only executed once).
"""Render preview and final frames with process pools."""
import multiprocessing


def render_frame(frame):
    return f"frame{frame:03d}:{(frame * 7919) % 1000:03d}"


class RenderFarm:
    def __init__(self, workers=2, method="spawn"):
        if multiprocessing.get_start_method(allow_none=True) is None:
            multiprocessing.set_start_method(method)
        self.workers = workers

    def render(self, frames):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(render_frame, frames)


def main():
    preview = RenderFarm(workers=1)
    print("preview", preview.render(range(2)))
    final = RenderFarm(workers=2)
    print("final", final.render(range(4)))


if __name__ == "__main__":
    main()
