"""NiceGUI-like native mode after the fix: the queues come from an explicit spawn context."""
import multiprocessing

_ctx = multiprocessing.get_context("spawn")
method_queue = _ctx.Queue()
response_queue = _ctx.Queue()
