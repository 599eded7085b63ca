# family: guard
# hazard: missing-main-guard
# line: 25 r11kit/dejavu.py:34
# files: r11kit/dejavu.py
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 8
# note: https://github.com/worldveil/dejavu/pull/74 -- example.py configures Dejavu and calls fingerprint_directory (which makes a multiprocessing.Pool) at module level; on Windows every pool worker re-runs the example and the bootstrapping RuntimeError repeats, which the PR fixes by putting the example under `if __name__ == "__main__":`
import json
import warnings

from r11kit.dejavu import Dejavu

warnings.filterwarnings("ignore")

# load config from a JSON string (the example reads dejavu.cnf)
config = json.loads('{"database": {"host": "127.0.0.1", "user": "root", "passwd": "", "db": "dejavu"}, "fingerprint_limit": 512}')

SONGS = ["mp3/Brad-Sucks--Total-Breakdown.mp3",
         "mp3/Sean-Fournier--Falling-For-You.mp3",
         "mp3/Josh-Woodward--I-Want-To-Destroy-Something-Beautiful.mp3",
         "mp3/notes.txt"]

# create a Dejavu instance and fingerprint all the mp3's in the directory
djv = Dejavu(config)
djv.fingerprint_directory(SONGS, [".mp3"], 2)

# recognize audio from a file (the reduction just reports what was stored)
for name, count in sorted(djv.songs.items()):
    print(f"{name}: {count} hashes")
