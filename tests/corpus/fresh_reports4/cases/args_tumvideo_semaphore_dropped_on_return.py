# family: args
# hazard: sync-object-not-kept-alive
# line: 31
# expect: fork=ok spawn=error:FileNotFoundError forkserver=error:FileNotFoundError
# note: Shape of https://github.com/Valentin-Metz/tum_video_scraper/issues/9 and /issues/14 ("FileNotFoundError: [Errno 2] No such file or directory" from SemLock._rebuild on macOS): one download Process per subject shares a Semaphore created in main(), and main() returns without joining, so the parent's last reference to the semaphore goes away before the spawned children unpickle it.
import os
import sys
import tempfile
from multiprocessing import Process, Semaphore, active_children


def download_list_of_videos(videos, output_folder, semaphore):
    os.makedirs(output_folder, exist_ok=True)
    for title, url in videos:
        with semaphore:
            with open(os.path.join(output_folder, title + ".mp4"), "w") as f:
                f.write(url)


def get_subjects():
    return {
        "Analysis": [("lecture-01", "https://example.invalid/a1"), ("lecture-02", "https://example.invalid/a2")],
        "Linear_Algebra": [("lecture-01", "https://example.invalid/l1")],
    }


def main(output_folder, maximum_parallel_downloads=2):
    semaphore = Semaphore(maximum_parallel_downloads)
    spawned_processes = []
    for subject, videos in get_subjects().items():
        process = Process(
            target=download_list_of_videos,
            args=(videos, os.path.join(output_folder, subject), semaphore),
        )
        process.start()
        spawned_processes.append(process)
    print("started %d downloads" % len(spawned_processes))


if __name__ == "__main__":
    out = tempfile.mkdtemp()
    main(out)
    for child in active_children():
        child.join()
    n = sum(len(files) for _, _, files in os.walk(out))
    print("RESULT=%d" % n)
    sys.exit(0 if n == 3 else 3)
