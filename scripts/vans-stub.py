"""A loopback stand-in for the VANS upload endpoints, for `vans export --push` tests.

Usage: python3 vans-stub.py DIR
Listens on a free 127.0.0.1 port, prints it, and writes each POST to DIR as NNNN.json (the body) and NNNN.path
(the request path and Content-Type), answering 200 with {"result":"ok"}; serves until its standard input closes.
"""

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
count = [0]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        count[0] += 1
        name = os.path.join(folder, "%04d" % count[0])
        with open(name + ".json", "wb") as out:
            out.write(body)
        with open(name + ".path", "w") as out:
            out.write(self.path + "\n" + self.headers.get("Content-Type", "") + "\n")
        reply = b'{"result":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
