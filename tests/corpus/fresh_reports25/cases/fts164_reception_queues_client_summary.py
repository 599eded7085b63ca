# family: args
# hazard: none
# line: none
# files: r28kit/takserver.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/FreeTAKTeam/FreeTakServer/issues/164 -- the working variant (the thread's own link explains the error as pickling, and the reporter saw it only with SSL clients): the reception handler keeps the client's SSL socket in its own table and puts only a picklable summary of the client (uid, callsign, ip) on the queue to the CoT service
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
        self.clients[client.uid] = client  # the connection itself stays in this process
        self.client_data_pipe.put({"uid": client.uid, "callsign": client.callsign, "ip": client.ip})
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
