"""Kubernetes helpers of the cluster health checker: the client is a module global set by
initialize_clients() (cerberus-like)."""
import logging
from collections import defaultdict

from .kubeapi import CoreV1Api

kubeconfig_path_global = ""


# Load kubeconfig and initialize kubernetes python client
def initialize_clients(kubeconfig_path, chunk_size, timeout):
    global cli
    global request_chunk_size
    global cmd_timeout
    global kubeconfig_path_global
    cli = CoreV1Api(kubeconfig_path)
    cmd_timeout = timeout
    request_chunk_size = str(chunk_size)
    kubeconfig_path_global = kubeconfig_path


def get_all_pod_info(namespace):
    return cli.list_namespaced_pod(namespace, limit=request_chunk_size)


# Track the pods that were crashed/restarted during the sleep interval of an iteration
def namespace_sleep_tracker(namespace, pods_tracker):
    crashed_restarted_pods = defaultdict(list)
    for pod in get_all_pod_info(namespace):
        if pod.phase == "Succeeded":
            continue
        key = f"{namespace}/{pod.name}"
        previous = pods_tracker.get(key)
        if previous is not None and pod.restart_count > previous:
            crashed_restarted_pods[namespace].append((pod.name, "restart"))
        pods_tracker[key] = pod.restart_count
    logging.debug("tracked %s", namespace)
    return dict(crashed_restarted_pods)
