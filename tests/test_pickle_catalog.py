"""The stored pickle catalog still says what this interpreter does.

server/mpguard/semantic/data/pickle_catalog.json is written by scripts/probe_pickle.py, once per Python
version. These tests rebuild every object with the probe's own code (the script imported by path, mpguard not
imported) and compare the outcome with the stored one for the running version: pickle and multiprocessing's
ForkingPickler always, cloudpickle and dill when they are installed in the same versions as recorded.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE_PATH = ROOT / "scripts" / "probe_pickle.py"
CATALOG_PATH = ROOT / "server" / "mpguard" / "semantic" / "data" / "pickle_catalog.json"
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
THIRD_PARTY = ("cloudpickle", "dill")


def load_probe():
    name = "mpguard_pickle_probe"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROBE_PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


CATALOG_TEXT = CATALOG_PATH.read_text(encoding="utf-8")
CATALOG = json.loads(CATALOG_TEXT)
KEYS = sorted(CATALOG["objects"])


def third_party_skip(name):
    """Why the stored `name` outcomes cannot be checked here, or None."""
    probe = load_probe()
    found = probe.serializers((name,))
    if name not in found:
        return f"{name} is not installed for Python {VERSION}: its outcomes are not checked"
    recorded = CATALOG["serializers"].get(VERSION, {}).get(name)
    if recorded != found[name][2]:
        return f"{name} {found[name][2]} is installed, the catalog was made with {recorded}"
    return None


@pytest.fixture(scope="module")
def observed():
    if VERSION not in CATALOG["serializers"]:
        pytest.skip(f"the catalog has no entries for Python {VERSION} (run scripts/probe_pickle.py --merge)")
    probe = load_probe()
    names = ["pickle", "forkingpickler"] + [n for n in THIRD_PARTY if third_party_skip(n) is None]
    return names, probe.probe_all(names)


def stored(key):
    row = CATALOG["objects"][key]["versions"].get(VERSION)
    if row is None:
        pytest.skip(f"{key}: no entry for Python {VERSION}")
    return row


@pytest.mark.parametrize("key", KEYS)
def test_pickle_outcome_is_as_stored(key, observed):
    row = stored(key)
    _, results = observed
    if key not in results:
        pytest.skip(f"{key} cannot be built here (platform or standard streams)")
    now = results[key]
    assert now["type"] == row["type"]
    assert now["pickle"] == row["pickle"]
    assert now["forkingpickler"] == row["forkingpickler"]


@pytest.mark.parametrize("name", THIRD_PARTY)
def test_third_party_outcomes_are_as_stored(name, observed):
    reason = third_party_skip(name)
    if reason:
        print(reason)
        pytest.skip(reason)
    _, results = observed
    wrong = {key: (CATALOG["objects"][key]["versions"][VERSION][name], results[key][name])
             for key in KEYS if key in results and VERSION in CATALOG["objects"][key]["versions"]
             and CATALOG["objects"][key]["versions"][VERSION][name] != results[key][name]}
    assert not wrong, f"stored vs observed {name} outcomes: {wrong}"


def test_file_is_canonical():
    probe = load_probe()
    assert CATALOG["schema"] == probe.SCHEMA
    assert probe.dump(CATALOG) == CATALOG_TEXT, "not sorted/indented as scripts/probe_pickle.py writes it"


def test_every_probe_is_in_the_catalog():
    probe = load_probe()
    assert sorted(entry["key"] for entry in probe.PROBES) == KEYS
    for entry in probe.PROBES:
        row = CATALOG["objects"][entry["key"]]
        assert {k: v for k, v in row.items() if k != "versions"} == probe.catalog_entry(entry), entry["key"]


def test_regenerating_this_version_gives_the_same_entry(observed):
    probe = load_probe()
    names, results = observed
    regenerated = probe.build(copy.deepcopy(CATALOG), names=names, results=results)
    if set(names) == set(probe.SERIALIZERS) and set(results) == set(KEYS):  # everything here: the same bytes
        assert probe.dump(regenerated) == CATALOG_TEXT
        return
    for key in KEYS:
        old = CATALOG["objects"][key]["versions"].get(VERSION)
        new = regenerated["objects"][key]["versions"].get(VERSION)
        if old is None or new is None:
            continue
        assert {n: new.get(n) for n in ["type", *names]} == {n: old.get(n) for n in ["type", *names]}, key
