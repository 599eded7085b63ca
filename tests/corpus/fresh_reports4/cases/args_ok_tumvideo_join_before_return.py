# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/Valentin-Metz/tum_video_scraper/issues/9: main() joins the download processes before it returns, so the Semaphore it created stays alive until every spawned child has rebuilt it.
import os
import sys
import tempfile
from multiprocessing import Process, Semaphore


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
    for process in spawned_processes:
        process.join()
    print("finished %d downloads" % len(spawned_processes))


if __name__ == "__main__":
    out = tempfile.mkdtemp()
    main(out)
    n = sum(len(files) for _, _, files in os.walk(out))
    print("RESULT=%d" % n)
    sys.exit(0 if n == 3 else 3)
