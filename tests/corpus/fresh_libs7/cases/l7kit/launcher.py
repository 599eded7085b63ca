"""Process launching in the shape of torch.multiprocessing.spawn / start_processes: the
launcher always takes the spawn context itself, whatever the default is."""
import multiprocessing


def _wrap(fn, rank, args):
    fn(rank, *args)


def spawn(fn, args=(), nprocs=1, join=True):
    ctx = multiprocessing.get_context("spawn")
    procs = []
    for rank in range(nprocs):
        p = ctx.Process(target=_wrap, args=(fn, rank, args), daemon=False)
        p.start()
        procs.append(p)
    if join:
        for p in procs:
            p.join()
        bad = [p.exitcode for p in procs if p.exitcode != 0]
        if bad:
            raise RuntimeError(f"process exited with {bad}")
    return procs
