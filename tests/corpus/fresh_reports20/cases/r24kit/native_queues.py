"""NiceGUI-like native mode: the window queues, made from the default context at import."""
import multiprocessing

method_queue = multiprocessing.Queue()
response_queue = multiprocessing.Queue()
