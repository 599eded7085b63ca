# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A guarded form of the call that fails in https://github.com/NCZkevin/chatglm-web/issues/12 ("RuntimeError: context has already been set" when main.py is started after the knowledge base was loaded): the server sets the start method only when nothing has fixed it yet (`get_start_method(allow_none=True) is None`), so loading the knowledge base and starting the server may both run the setup.
"""Load the knowledge base and start the chat server's model workers."""
import multiprocessing


def setup_multiprocessing():
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method("spawn")


def embed(doc):
    return len(doc)


def load_knowledge_base(docs):
    setup_multiprocessing()
    with multiprocessing.Pool(2) as pool:
        return pool.map(embed, docs)


def start_server(device="cpu", quantize=4):
    setup_multiprocessing()
    return {"device": device, "quantize": quantize, "method": multiprocessing.get_start_method()}


if __name__ == "__main__":
    vectors = load_knowledge_base(["faq", "manual", "changelog"])
    server = start_server(device="cpu", quantize=4)
    print("RESULT=%d %s" % (len(vectors), server["device"]))
