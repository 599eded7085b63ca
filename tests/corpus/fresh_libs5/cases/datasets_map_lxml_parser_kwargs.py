# family: args
# hazard: unpicklable-argument
# line: 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/eLifePathways/sciencebeam-gym/issues/229 -- "TypeError: can't pickle lxml.etree._Element objects" when a preprocessing pipeline ships lxml objects to its workers; here a configured lxml HTMLParser goes in `fn_kwargs` of datasets' `map(num_proc=2)` (dill cannot copy it either).
from datasets import Dataset
from lxml import etree

PAGES = ["<html><body><p>first</p></body></html>", "<html><body><p>second</p></body></html>",
         "<html><body><p>third</p><p>more</p></body></html>", "<html><body></body></html>"]


def extract_text(example, parser=None):
    root = etree.fromstring(example["html"], parser)
    return {"text": " ".join(root.itertext()).strip()}


def build(pages):
    parser = etree.HTMLParser(remove_comments=True, recover=True)
    dataset = Dataset.from_dict({"html": pages})
    return dataset.map(extract_text, fn_kwargs={"parser": parser}, num_proc=2)


if __name__ == "__main__":
    processed = build(PAGES)
    print("RESULT=%d" % sum(1 for text in processed["text"] if text))
