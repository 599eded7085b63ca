"""Line recognition after surya PR #182: if the process pool can't be used (a daemonic
worker of celery, Ray, or a multiprocessing.Pool), fall back to a ThreadPoolExecutor."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def recognize_line(line):
    return line.upper(), round(min(1.0, 0.5 + len(line) / 40), 3)


def batch_recognition(lines, workers=2):
    try:
        with ProcessPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(recognize_line, lines))
    except AssertionError:
        with ThreadPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(recognize_line, lines))
