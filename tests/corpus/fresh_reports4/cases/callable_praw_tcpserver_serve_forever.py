# family: callable
# hazard: unpicklable-callable
# line: 25
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/praw-dev/praw/issues/586 ("praw.multiprocess.ThreadingTCPServer.serve_forever can't be used in multiprocessing on windows": Process(target=server.serve_forever) pickles the server, whose shutdown Event holds a lock).
import multiprocessing
import socketserver
import time


class RequestHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        self.wfile.write(line.upper())


class ThreadingTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def run(host="localhost", port=0):
    server = ThreadingTCPServer((host, port), RequestHandler)
    print("listening on %s" % host)
    p = multiprocessing.Process(target=server.serve_forever)
    p.start()
    time.sleep(0.3)
    p.terminate()
    p.join()
    server.server_close()
    return p.exitcode


if __name__ == "__main__":
    print("RESULT=%s" % run())
