"""QCG-PilotJob-like service loop: a process that runs submitted job specs and reports their results."""
from dataclasses import dataclass, field


@dataclass
class JobSpec:
    name: str
    executable: str
    args: list = field(default_factory=list)


def _run_executable(spec):
    if spec.executable == "sum":
        return sum(int(a) for a in spec.args)
    if spec.executable == "concat":
        return "".join(spec.args)
    raise ValueError("unknown executable %r" % spec.executable)


def service_loop(inbox, outbox):
    while True:
        spec = inbox.get()
        if spec is None:
            break
        outbox.put((spec.name, _run_executable(spec)))


def start_service(ctx):
    inbox, outbox = ctx.Queue(), ctx.Queue()
    proc = ctx.Process(target=service_loop, args=(inbox, outbox), name="qcg-pm-service")
    proc.start()
    return proc, inbox, outbox
