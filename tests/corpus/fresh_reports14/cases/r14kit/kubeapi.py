"""A tiny in-memory stand-in for the kubernetes CoreV1Api the cluster checker talks to."""
from dataclasses import dataclass, field
from typing import Dict, List

CLUSTER = {
    "openshift-etcd": [("etcd-0", "Running", 0), ("etcd-1", "Running", 2)],
    "openshift-apiserver": [("apiserver-a", "Running", 0)],
    "monitoring": [("prometheus-0", "Running", 5), ("alertmanager-0", "Succeeded", 0)],
}


@dataclass
class PodInfo:
    name: str
    phase: str
    restart_count: int


@dataclass
class CoreV1Api:
    kubeconfig: str
    calls: List[str] = field(default_factory=list)
    pods: Dict[str, list] = field(default_factory=lambda: dict(CLUSTER))

    def list_namespaced_pod(self, namespace: str, limit: str = "500"):
        self.calls.append(namespace)
        return [PodInfo(*p) for p in self.pods.get(namespace, [])]
