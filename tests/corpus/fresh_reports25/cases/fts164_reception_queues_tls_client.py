# family: args
# hazard: unpicklable-argument
# line: 25
# files: r28kit/takserver.py
# timeout: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/FreeTAKTeam/FreeTakServer/issues/164 -- "TypeError: cannot pickle 'SSLSocket' object": the client information handed to another service process over a multiprocessing queue carries the client's SSL socket; the queue's feeder thread fails to pickle it ("File .../multiprocessing/queues.py, line 239, in _feed ... TypeError: cannot pickle 'SSLSocket' object"), the item never arrives and the TLS clients drop; here the CoT service never hears of the clients and reports an empty roster, under every start method
"""Client reception handler: accept TAK clients over TLS and register them with the CoT service process."""
import argparse
import multiprocessing
import sys

from r28kit import takserver


class ClientReceptionHandler:
    def __init__(self, client_data_pipe, use_ssl=True):
        self.client_data_pipe = client_data_pipe
        self.use_ssl = use_ssl
        self.clients = {}

    def on_connect(self, n, callsign):
        client = takserver.accept_client(n, callsign, use_ssl=self.use_ssl)
        self.clients[client.uid] = client
        self.client_data_pipe.put(client)  # tell the CoT service about the new client
        return client


class FTS:
    def __init__(self, callsigns):
        self.callsigns = callsigns
        self.client_data_pipe = multiprocessing.Queue()
        self.reply_pipe = multiprocessing.Queue()
        self.cot_service = multiprocessing.Process(
            target=takserver.cot_service, args=(self.client_data_pipe, self.reply_pipe, len(callsigns)))

    def run(self):
        self.cot_service.start()
        reception = ClientReceptionHandler(self.client_data_pipe, use_ssl=True)
        for n, callsign in enumerate(self.callsigns, start=1):
            reception.on_connect(n, callsign)
        roster = self.reply_pipe.get(timeout=30)
        self.cot_service.join()
        for client in reception.clients.values():
            client.socket.close()
        return roster


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--callsigns", nargs="*", default=["BRAVO-1", "ALPHA-2", "CHARLIE-3"])
    args = parser.parse_args(argv)
    roster = FTS(args.callsigns).run()
    print(f"RESULT=roster={','.join(roster)}")
    return 0 if roster == sorted(args.callsigns) else 3


if __name__ == "__main__":
    sys.exit(main())
