# family: start_method
# hazard: set-start-method-twice
# line: 16
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/VoxelCubes/PanelCleaner/issues/91 ("[Windows] RuntimeError: context has already been set when setting Concurrent Model to more than 1 in Text Detector"): the GUI's processing function sets the start method each time it runs the text detector with more than one concurrent model, so the second batch (the second click) raises. Reduced: the detector is a function over image names; the GUI's two runs are two calls.
"""Run the text-detection step of the cleaner for two batches of pages."""
import multiprocessing


def detect_text(image):
    return image.replace(".png", ".json")


def generate_output(images, concurrent_models=2):
    if concurrent_models > 1:
        multiprocessing.set_start_method("spawn")
        with multiprocessing.Pool(concurrent_models) as pool:
            return pool.map(detect_text, images)
    return [detect_text(i) for i in images]


class MainWindow:
    def __init__(self, profile):
        self.profile = profile

    def start_cleaning(self, images):
        return generate_output(images, self.profile["concurrent_models"])


if __name__ == "__main__":
    window = MainWindow({"concurrent_models": 2})
    first = window.start_cleaning(["p1.png", "p2.png"])
    second = window.start_cleaning(["p3.png"])
    print("RESULT=%d" % (len(first) + len(second)))
