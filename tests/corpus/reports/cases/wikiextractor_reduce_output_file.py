# family: args
# hazard: unpicklable-argument
# line: 39
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/WikiExtractor/wikiextractor/issues/246 (WikiExtractor.process_dump starts a `reduce` Process with args (output_queue, output) where output is the open output file / OutputSplitter; on Windows (spawn) start() fails with "cannot pickle '_io.TextIOWrapper' object"). Kept: the extract workers fed through a jobs queue, the reducer process writing ordered pages to the already-open output, the sentinel protocol; the bz2 dump is a list of fake pages.
"""Extract pages with worker processes and let a reducer write them in order."""
import multiprocessing
import os
import sys
import tempfile

PAGES = [(i, "Title %d" % i, "text of page %d" % i) for i in range(6)]


def extract_process(jobs_queue, output_queue):
    while True:
        job = jobs_queue.get()
        if job is None:
            break
        page_id, title, text = job
        output_queue.put((page_id, "<doc id=\"%d\" title=\"%s\">\n%s\n</doc>\n" % (page_id, title, text)))


def reduce_process(output_queue, output, total):
    ordering_buffer = {}
    next_id = 0
    while next_id < total:
        page_id, text = output_queue.get()
        ordering_buffer[page_id] = text
        while next_id in ordering_buffer:
            output.write(ordering_buffer.pop(next_id))
            next_id += 1
    output.flush()


def process_dump(pages, output, process_count=2):
    jobs_queue = multiprocessing.Queue()
    output_queue = multiprocessing.Queue()
    reduce = multiprocessing.Process(target=reduce_process,
                                     args=(output_queue, output, len(pages)))
    reduce.start()
    workers = []
    for _ in range(process_count):
        extractor = multiprocessing.Process(target=extract_process, args=(jobs_queue, output_queue))
        extractor.start()
        workers.append(extractor)
    for page in pages:
        jobs_queue.put(page)
    for _ in workers:
        jobs_queue.put(None)
    for w in workers:
        w.join()
    reduce.join()


def main():
    path = os.path.join(tempfile.mkdtemp(), "wiki_00")
    with open(path, "w") as output:
        process_dump(PAGES, output)
    with open(path) as f:
        docs = f.read().count("<doc ")
    os.remove(path)
    print("RESULT=%d" % docs)
    return 0 if docs == len(PAGES) else 3


if __name__ == "__main__":
    sys.exit(main())
