"""lxml's parser calls raise XMLSyntaxError on malformed XML (the catalog entry's `raised_by`: `lxml.etree.parse`,
`fromstring`, `XML`), and that exception keeps the parser's error log, which pickle refuses: a pool task that lets
it out makes the worker's reply fail to pickle (premise #29: `MaybeEncodingError ... cannot pickle
'lxml.etree._ListErrorLog' object`, where the parent wanted the parse error). MP208 at the parse call a task reaches
(in the task's module, a method it calls, another project module), copied at the pool call. Near misses: a handler
on the way (by the class or a base the probe read: ParseError, LxmlError), a parse that runs in the parent, a
Process target (its exception is printed in the child, never sent). Runtime proofs under fork, spawn and
forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program, skip_without
from test_semantic_crossmodule import findings, project

from mpguard.semantic.pickle_catalog import exception_raisers

skip_without("lxml")

METHODS = ["fork", "spawn", "forkserver"]


def test_the_catalog_names_lxml_parsers():
    raisers = exception_raisers()
    for call in ("lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.XML"):
        qualified, error, bases, refused = raisers[call]
        assert qualified == "lxml.etree.XMLSyntaxError" and refused and "_ListErrorLog" in error
        assert {"ParseError", "LxmlError", "SyntaxError"} <= set(bases)


SUBMITTED = '''
    from concurrent.futures import ProcessPoolExecutor
    from lxml import etree


    def count_items(blob):
        {body}
        return len(root)


    if __name__ == "__main__":
        blobs = [b"<feed><item/></feed>", b"<feed><item>"]
        with ProcessPoolExecutor(2) as executor:
            futures = [executor.submit(count_items, blob) for blob in blobs]
            try:
                print("RESULT=%s" % [f.result() for f in futures])
            except Exception as exc:
                print("RESULT=failed", type(exc).__name__, exc)
                raise
'''

PARSED = "root = etree.XML(blob)"
BY_BASE = '''try:
            root = etree.XML(blob)
        except etree.LxmlError:
            return -1'''
BY_PARSE_ERROR = '''try:
            root = etree.XML(blob)
        except etree.ParseError as exc:
            raise ValueError(str(exc)) from None'''


def test_xml_parse_in_a_submitted_task():
    (finding,) = found(textwrap.dedent(SUBMITTED.format(body=PARSED)), "MP208")
    assert "XMLSyntaxError" in finding.message and finding.start.row == 7
    assert "_ListErrorLog" in finding.message


@pytest.mark.parametrize("body", [BY_BASE, BY_PARSE_ERROR])
def test_near_miss_caught_by_a_base(body):
    assert found(textwrap.dedent(SUBMITTED.format(body=body)), "MP208") == []


METHOD_TASK = '''
    import multiprocessing
    import lxml.etree as ET


    class Catalogue:
        def __init__(self, text):
            self.text = text

        def titles(self):
            return [t.text for t in ET.fromstring(self.text).iter("title")]


    def titles_of(text):
        return Catalogue(text).titles()


    def main(texts):
        {run}


    if __name__ == "__main__":
        main(["<c><title>a</title></c>", "<c><title>"])
'''


def test_fromstring_in_a_method_the_task_calls():
    src = textwrap.dedent(METHOD_TASK.format(run='''with multiprocessing.Pool(2) as pool:
            return pool.map(titles_of, texts)'''))
    (finding,) = found(src, "MP208")
    assert "XMLSyntaxError" in finding.message and finding.start.row == 11


def test_near_miss_parsed_in_the_parent():
    src = textwrap.dedent(METHOD_TASK.format(run="return [titles_of(t) for t in texts]"))
    assert found(src, "MP208") == []


def test_near_miss_process_target():
    src = textwrap.dedent(METHOD_TASK.format(run='''for text in texts:
            child = multiprocessing.Process(target=titles_of, args=(text,))
            child.start()
            child.join()'''))
    assert found(src, "MP208") == []


READER = '''
    import os
    from lxml import etree


    def load_record(path):
        tree = etree.parse(path)
        return {"file": os.path.basename(path), "fields": len(tree.getroot())}
'''

CHECKED_READER = '''
    import os
    from lxml import etree


    def load_record(path):
        try:
            tree = etree.parse(path)
        except etree.XMLSyntaxError as exc:
            return {"file": os.path.basename(path), "error": str(exc)}
        return {"file": os.path.basename(path), "fields": len(tree.getroot())}
'''

INGEST = '''
    import glob
    import multiprocessing

    from records.reader import load_record


    def ingest(folder):
        paths = sorted(glob.glob(folder + "/*.xml"))
        with multiprocessing.Pool(2) as pool:
            return list(pool.imap_unordered(load_record, paths))


    if __name__ == "__main__":
        print(ingest("data"))
'''


def test_parse_in_another_module_reached_by_imap(tmp_path):
    root = project(tmp_path, {"records/__init__.py": "", "records/reader.py": READER, "ingest.py": INGEST})
    (finding,) = findings(root / "ingest.py", "MP208")
    assert finding.start.row == 11 and "XMLSyntaxError" in finding.message
    assert "_ListErrorLog" in str(finding.error)


def test_near_miss_other_module_catches_it(tmp_path):
    root = project(tmp_path, {"records/__init__.py": "", "records/reader.py": CHECKED_READER, "ingest.py": INGEST})
    assert findings(root / "ingest.py", "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_lxml_error_from_a_task(tmp_path, method):
    path = tmp_path / "feed.py"
    path.write_text(textwrap.dedent(SUBMITTED.format(body=PARSED)))
    out = run_program(path, method, timeout=40)
    assert out.returncode != 0 and "_ListErrorLog" in out.stderr, out.stderr
    path.write_text(textwrap.dedent(SUBMITTED.format(body=BY_BASE)))
    assert_outcome(run_program(path, method, timeout=40), False, "", "RESULT=[1, -1]")


LOGGED = '''try:
            root = etree.XML(blob)
        except Exception:
            print("bad feed")
            raise'''
RERAISED_BY_CLASS = '''try:
            root = etree.XML(blob)
        except etree.XMLSyntaxError:
            raise'''


def test_reraised_by_a_broad_handler_is_found_at_the_call():
    (finding,) = found(textwrap.dedent(SUBMITTED.format(body=LOGGED)), "MP208")
    assert finding.start.row == 8 and "XMLSyntaxError" in finding.message


def test_reraised_by_its_class_is_one_finding():
    (finding,) = found(textwrap.dedent(SUBMITTED.format(body=RERAISED_BY_CLASS)), "MP208")
    assert "XMLSyntaxError" in finding.message
