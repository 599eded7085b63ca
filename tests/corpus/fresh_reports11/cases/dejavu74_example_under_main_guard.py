# family: guard
# hazard: none
# line: none
# files: r11kit/dejavu.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/worldveil/dejavu/pull/74 -- the merged change: the example's work runs under `if __name__ == "__main__":`, so a spawned pool worker that imports the example as __mp_main__ only loads the config and the song list
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

if __name__ == '__main__':
    # create a Dejavu instance and fingerprint all the mp3's in the directory
    djv = Dejavu(config)
    djv.fingerprint_directory(SONGS, [".mp3"], 2)

    for name, count in sorted(djv.songs.items()):
        print(f"{name}: {count} hashes")
