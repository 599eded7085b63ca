"""Line recognition as surya had it before PR #182: a ProcessPoolExecutor per batch."""
from concurrent.futures import ProcessPoolExecutor


def recognize_line(line):
    # Stand-in for the recognition model: uppercase text and a confidence from its length.
    return line.upper(), round(min(1.0, 0.5 + len(line) / 40), 3)


def batch_recognition(lines, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as executor:
        return list(executor.map(recognize_line, lines))
