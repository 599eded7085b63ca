"""Project settings: importing them configures multiprocessing for the web app's report workers."""
import multiprocessing

multiprocessing.set_start_method("fork")

HUEY = {"name": "crm", "workers": 2, "worker_type": "process"}
