# family: controlflow
# hazard: set-start-method-misuse
# line: 16
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: A RenderFarm class calls multiprocessing.set_start_method() in its constructor; the script builds a preview farm and then a final one, and the second constructor raises. Modelled on https://github.com/nanome-ai/nanome-lib/pull/264 ("Make sure set_start_method only executed once").
"""Render preview and final frames with process pools."""
import multiprocessing


def render_frame(frame):
    return f"frame{frame:03d}:{(frame * 7919) % 1000:03d}"


class RenderFarm:
    def __init__(self, workers=2, method="spawn"):
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
