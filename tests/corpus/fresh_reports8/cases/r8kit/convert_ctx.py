"""The exporter after optimum #1377: it takes a spawn context for its own subprocess only."""
import multiprocessing as mp

_CTX = mp.get_context("spawn")


def _export_worker(model_name, opset, out):
    out.put(f"{model_name}.onnx(opset={opset})")


def export_in_subprocess(model_name, opset):
    out = _CTX.Queue()
    proc = _CTX.Process(target=_export_worker, args=(model_name, opset, out))
    proc.start()
    path = out.get()
    proc.join()
    return path
