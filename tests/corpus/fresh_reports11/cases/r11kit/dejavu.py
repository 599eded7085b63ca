"""An audio-fingerprinting library's core (reduced from dejavu/__init__.py)."""
import hashlib
import multiprocessing
import os
import traceback


def _fingerprint_worker(filename, limit=None, song_name=None):
    # the real worker decodes audio; the reduction hashes the name in windows
    song_name = song_name or os.path.splitext(os.path.basename(filename))[0]
    samples = filename.encode() * 64
    if limit:
        samples = samples[:limit]
    hashes = set()
    for i in range(0, len(samples) - 8, 8):
        hashes.add(hashlib.sha1(samples[i:i + 8]).hexdigest()[:20])
    return song_name, hashes


class Dejavu:
    def __init__(self, config):
        self.config = config
        self.limit = config.get("fingerprint_limit")
        self.songs = {}

    def fingerprint_directory(self, filenames, extensions, nprocesses=None):
        try:
            nprocesses = nprocesses or multiprocessing.cpu_count()
        except NotImplementedError:
            nprocesses = 1
        else:
            nprocesses = 1 if nprocesses <= 0 else nprocesses

        pool = multiprocessing.Pool(nprocesses)
        todo = [f for f in filenames if os.path.splitext(f)[1] in extensions]
        worker_input = [(f, self.limit) for f in todo]
        iterator = pool.imap_unordered(_fingerprint_worker_star, worker_input)
        while True:
            try:
                song_name, hashes = next(iterator)
            except StopIteration:
                break
            except Exception:
                traceback.print_exc()
            else:
                self.songs[song_name] = len(hashes)
        pool.close()
        pool.join()
        return self.songs


def _fingerprint_worker_star(args):
    return _fingerprint_worker(*args)
