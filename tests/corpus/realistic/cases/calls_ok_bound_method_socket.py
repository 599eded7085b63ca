# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of calls_bound_method_sqlite: `responder.serve` is the Process target and the Responder holds a connected socket; multiprocessing registers a socket reducer that passes the descriptor, so this works under every start method. Modelled on https://github.com/abhinavsingh/proxy.py/issues/9 (a socket handed to a child process; on Python 3 multiprocessing reduces sockets).
"""Answer one ping over a socketpair from a child process."""
import multiprocessing
import socket


class Responder:
    def __init__(self, sock, reply=b"pong"):
        self.sock = sock
        self.reply = reply

    def serve(self):
        request = self.sock.recv(16)
        self.sock.sendall(self.reply + b":" + request)
        self.sock.close()


def main():
    parent_end, child_end = socket.socketpair()
    responder = Responder(child_end)
    proc = multiprocessing.Process(target=responder.serve)
    proc.start()
    child_end.close()
    parent_end.sendall(b"ping")
    print(parent_end.recv(64).decode())
    proc.join()
    parent_end.close()


if __name__ == "__main__":
    main()
