"""gwpy.utils.mp.multiprocess_with_queues after PR #419 ("Handle XML parsing errors in mp"): a SAX
exception cannot be pickled back to the parent, so the worker sends the underlying error instead."""
from multiprocessing import Process, Queue
from operator import itemgetter
from xml.sax import SAXException


def _process_in_out_queues(func, q_in, q_out):
    while True:
        idx, arg = q_in.get()
        if idx is None:
            break
        try:
            q_out.put((idx, func(arg)))
        except SAXException as exc:
            q_out.put((idx, exc.getException() or ValueError(exc.getMessage())))
        except Exception as exc:
            q_out.put((idx, exc))


def multiprocess_with_queues(nproc, func, inputs, raise_exceptions=False):
    q_in, q_out = Queue(), Queue()
    procs = [Process(target=_process_in_out_queues, args=(func, q_in, q_out)) for _ in range(nproc)]
    for proc in procs:
        proc.daemon = True
        proc.start()
    for idx, arg in enumerate(inputs):
        q_in.put((idx, arg))
    for _ in procs:
        q_in.put((None, None))
    results = [q_out.get() for _ in range(len(inputs))]
    for proc in procs:
        proc.join()
    outputs = [out for _, out in sorted(results, key=itemgetter(0))]
    if raise_exceptions:
        for out in outputs:
            if isinstance(out, Exception):
                raise out
    return outputs
