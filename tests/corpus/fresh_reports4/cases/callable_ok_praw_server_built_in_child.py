# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/praw-dev/praw/issues/586: the workaround from the thread, a module-level function that builds ThreadingTCPServer inside the child, so only the host and port are pickled.
import multiprocessing
import socket
import socketserver
import time


class RequestHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        self.wfile.write(line.upper())


class ThreadingTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve(host, port, ready):
    server = ThreadingTCPServer((host, port), RequestHandler)
    ready.send(server.server_address[1])
    server.serve_forever()


def run(host="localhost"):
    parent_end, child_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=serve, args=(host, 0, child_end))
    p.start()
    port = parent_end.recv()
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(b"ping\n")
        reply = s.makefile().readline().strip()
    p.terminate()
    p.join()
    return reply


if __name__ == "__main__":
    print("RESULT=%s" % run())
