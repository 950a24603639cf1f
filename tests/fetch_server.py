#!/usr/bin/env python3
"""A stand-in for the publishers' servers in the fetch tests, on 127.0.0.1 only.

Serves files of ROOT. The first path segment chooses how:
  /files/<dir>/<name>     the file, whole
  /truncated/<dir>/<name> announces more bytes (Content-Length) than it sends, then closes
  /slow/<dir>/<name>      sends the headers, then nothing for a long time
  anything else           404
Prints the port it listens on (chosen by the system) on its first line of
output, and exits by itself after --lifetime seconds, so a test that dies
never leaves it running.
"""
import argparse
import http.server
import os
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--lifetime", type=float, default=120)
    args = ap.parse_args()
    root = os.path.realpath(args.root)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            parts = self.path.split("?")[0].strip("/").split("/", 1)
            mode = parts[0]
            path = os.path.realpath(os.path.join(root, parts[1])) if len(parts) == 2 else ""
            if mode not in ("files", "truncated", "slow") or not path.startswith(root + "/") \
                    or not os.path.isfile(path):
                self.send_error(404)
                return
            body = open(path, "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            if mode == "truncated":
                self.send_header("Content-Length", str(len(body) + 1000))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if mode == "slow":
                self.wfile.write(body[:10])
                self.wfile.flush()
                time.sleep(args.lifetime)
                return
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
