"""An exporter that sets the start method for everyone when imported (optimum's convert.py before #1377)."""
import multiprocessing as mp

mp.set_start_method("spawn", force=True)


def _export_worker(model_name, opset, out):
    out.put(f"{model_name}.onnx(opset={opset})")


def export_in_subprocess(model_name, opset):
    out = mp.Queue()
    proc = mp.Process(target=_export_worker, args=(model_name, opset, out))
    proc.start()
    path = out.get()
    proc.join()
    return path
