"""MATAM-like assembly step: the reads of each component are filtered, then assembled by SGA."""
import sys
from dataclasses import dataclass, field


class EmptyComponent(Exception):
    """No read of the component survived the filtering."""


@dataclass
class Component:
    name: str
    reads: list = field(default_factory=list)


def filter_reads(component, min_length):
    return [r for r in component.reads if len(r) >= min_length]


def assemble_component(component, min_length=60, exit_on_empty=True):
    reads = filter_reads(component, min_length)
    if not reads:
        print(f"WARNING component {component.name}: no reads left after SGA filtering", flush=True)
        if exit_on_empty:
            sys.exit(0)  # the command-line step's behaviour: nothing to assemble is not an error
        raise EmptyComponent(component.name)
    contig = max(reads, key=len)
    return component.name, len(contig)
