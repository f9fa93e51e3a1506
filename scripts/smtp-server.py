"""A loopback SMTP receiver for the mail tests (aiosmtpd, real SMTP).

Usage: python smtp-server.py MAILDIR
Writes each accepted message to MAILDIR (a maildir), prints the port it listens on, then serves until its
standard input closes, so the test that started it stops it by closing the pipe. Recipients whose local part
starts with "reject" are refused with 550, for the tests of permanent failures. AUTH PLAIN is offered without
TLS (loopback only) and accepts the test account vans / secret; clients that do not authenticate are served too.
"""

import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult


class Handler(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == b"vans" and auth_data.password == b"secret")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    port = free_port()
    controller = Controller(
        Handler(sys.argv[1]),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
