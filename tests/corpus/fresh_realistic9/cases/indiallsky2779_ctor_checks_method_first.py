# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/aaronwmorris/indi-allsky/issues/2779 -- the near miss: the same per-test construction, but __init__ sets the start method only while none is set yet (get_start_method(allow_none=True) is None), so the second IndiAllSky of the suite leaves the context alone
import multiprocessing
import sys
import unittest


def capture_worker(config, image_q):
    for n in range(config["frames"]):
        image_q.put({"frame": n, "exposure": config["exposure"]})
    image_q.put(None)


class IndiAllSky:
    DEFAULT_CONFIG = {"frames": 3, "exposure": 0.5, "night": True}

    def __init__(self, **overrides):
        self.config = dict(self.DEFAULT_CONFIG)
        self.config.update(overrides)
        # the camera library needs fork; only the first instance of the process chooses it
        if multiprocessing.get_start_method(allow_none=True) is None:
            multiprocessing.set_start_method("fork")
        self.image_q = multiprocessing.Queue()
        self.capture_worker = None

    def start_capture(self):
        self.capture_worker = multiprocessing.Process(
            target=capture_worker, args=(self.config, self.image_q), daemon=True)
        self.capture_worker.start()

    def drain(self):
        frames = []
        while True:
            item = self.image_q.get(timeout=10)
            if item is None:
                break
            frames.append(item)
        self.capture_worker.join()
        return frames


class AllskyCaptureTest(unittest.TestCase):
    def setUp(self):
        self.allsky = IndiAllSky(exposure=1.0)

    def test_captures_all_frames(self):
        self.allsky.start_capture()
        self.assertEqual(len(self.allsky.drain()), 3)

    def test_exposure_is_forwarded(self):
        self.allsky.start_capture()
        self.assertTrue(all(f["exposure"] == 1.0 for f in self.allsky.drain()))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    sys.exit(0 if result.wasSuccessful() else 1)
