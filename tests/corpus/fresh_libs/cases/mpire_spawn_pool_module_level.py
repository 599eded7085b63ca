# family: mpire
# hazard: process-started-at-import
# line: 25
# expect: fork=bootstrap_error+hang spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 30
# note: A thumbnail-size calculator that chose mpire's `start_method="spawn"` (to avoid fork with threads) but runs the pool at module level. mpire starts spawn workers that re-import the script and reach the WorkerPool again: "An attempt has been made to start a new process before ... bootstrapping phase", whatever the platform default. mpire docs, "Start method" (https://sybrenjansen.github.io/mpire/master/usage/workerpool/start_method.html: spawn and forkserver need the main guard); the API reference lists start_method among WorkerPool's arguments (https://sybrenjansen.github.io/mpire/master/reference/index.html).
"""Compute thumbnail sizes that keep the aspect ratio."""
from mpire import WorkerPool

IMAGES = [
    ("beach.jpg", 4032, 3024),
    ("portrait.png", 1080, 1920),
    ("banner.webp", 3000, 600),
    ("icon.png", 256, 256),
    ("scan.tiff", 2480, 3508),
]
BOX = (320, 240)


def fit(name, width, height, box=BOX):
    scale = min(box[0] / width, box[1] / height, 1.0)
    return name, max(1, round(width * scale)), max(1, round(height * scale))


with WorkerPool(n_jobs=2, start_method="spawn") as pool:
    thumbs = pool.map(fit, IMAGES)

# largest first, as the gallery shows them
thumbs = sorted(thumbs, key=lambda row: -(row[1] * row[2]))
for name, w, h in thumbs:
    print(f"{name:>14} -> {w}x{h}")


def total_pixels(rows):
    return sum(w * h for _, w, h in rows)


print("pixels before:", total_pixels(IMAGES))
print("pixels after:", total_pixels(thumbs))
print("RESULT=" + str(total_pixels(thumbs)))
