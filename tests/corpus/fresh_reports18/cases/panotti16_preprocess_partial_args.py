# family: globals
# hazard: none
# line: none
# files: r22kit/audio.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/drscotthawley/panotti/pull/16 -- the maintainer's answer to the PR (dev branch 9a4b885, "replaced global_args via functools.partial"): convert_one_file takes the settings as parameters and the pool maps functools.partial(convert_one_file, printevery, class_index, ...) over the file indices, so every start method hands the settings to the workers; the reporter confirmed "your fix works perfectly"
"""Preprocess audio: convert every sample of every class into a saved spectrogram (panotti-like)."""
import argparse
import os
import sys
import tempfile
from functools import partial
from multiprocessing import Pool

from r22kit import audio

def find_max_shape(path, mono=False):
    shapes = []
    for dirname, dirnames, filenames in os.walk(path):
        for filename in filenames:
            signal = audio.load(os.path.join(dirname, filename), mono=mono)
            shapes.append(audio.canonical_shape(signal))
    return (max(s[0] for s in shapes), max(s[1] for s in shapes))


def convert_one_file(printevery, class_index, class_files, nb_classes, classname, n_load, dirname, mono,
        n_train, outpath, max_shape, out_format, file_index):
    infilename = class_files[file_index]
    audio_path = os.path.join(dirname, infilename)
    signal = audio.load(audio_path, mono=mono)
    channels = signal if not mono else [signal]
    padded = [ch + [0.0] * (max_shape[1] - len(ch)) for ch in channels]
    melgram = [[round(v / (1 + class_index), 3) for v in ch] for ch in padded]
    subdir = "Train/" if file_index < n_train else "Test/"
    outfile = os.path.join(outpath, subdir, classname, infilename)
    audio.save_melgram(outfile, melgram, out_format)
    return outfile


def preprocess_dataset(inpath, outpath, train_percentage=0.75, mono=False, out_format="npy"):
    class_names = sorted(os.listdir(inpath))
    nb_classes = len(class_names)
    max_shape = find_max_shape(inpath, mono=mono)
    for subdir in ("Train/", "Test/"):
        for classname in class_names:
            os.makedirs(os.path.join(outpath, subdir, classname), exist_ok=True)

    written = []
    cpu_count = 2
    for class_index, classname in enumerate(class_names):
        dirname = os.path.join(inpath, classname)
        class_files = sorted(os.listdir(dirname))   # all filenames for this class
        n_load = len(class_files)
        n_train = int(n_load * train_percentage)
        printevery = 20

        convert = partial(convert_one_file, printevery, class_index, class_files, nb_classes, classname,
                          n_load, dirname, mono, n_train, outpath, max_shape, out_format)

        file_indices = tuple(range(len(class_files)))
        with Pool(cpu_count) as pool:
            written.extend(pool.map(convert, file_indices))
    return written


def main():
    parser = argparse.ArgumentParser(description="preprocess_data: convert sames to python-friendly data format for faster loading")
    parser.add_argument("-m", "--mono", help="convert input audio to mono", action="store_true")
    parser.add_argument("-f", "--format", default="npy", type=str)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as samples, tempfile.TemporaryDirectory() as preproc:
        audio.make_samples(samples)
        written = preprocess_dataset(samples, preproc, mono=args.mono, out_format=args.format)
        train = sum(len(files) for _, _, files in os.walk(os.path.join(preproc, "Train")))
    print(f"RESULT={len(written)}:{train}")
    return 0 if (len(written), train) == (8, 6) else 3


if __name__ == "__main__":
    sys.exit(main())
