# family: crossmodule
# hazard: missing-main-guard
# line: 16
# files: photolab/__init__.py photolab/thumbs.py photolab/images.py
# timeout: 15
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: Shape of https://github.com/snowflakedb/SnowAlert/issues/364's runner scripts (a pool-using package function called from a script run by another tool) and the "Pool-using library functions called at module level of a user's script" pattern: a quick maintenance script calls photolab.thumbs.make_thumbnails() at module level with no `if __name__ == "__main__":`. Under spawn/forkserver each worker re-imports the script and calls it again: the bootstrapping RuntimeError.
"""One-off: regenerate thumbnail checksums for the gallery."""
import sys

from photolab.thumbs import make_thumbnails

GALLERY = [f"gallery/{n:02d}.pgm" for n in range(6)]

workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
thumbs = make_thumbnails(GALLERY, workers=workers)
for name in sorted(thumbs):
    print(name, thumbs[name])
print(len(thumbs), "thumbnails")
