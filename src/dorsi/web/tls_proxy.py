"""``python -m dorsi.web.tls_proxy LISTEN_HOST LISTEN_PORT UPSTREAM_PORT CERT KEY``: accept TLS
connections and pass their bytes, both ways, to waitress on the loopback (``make run HTTPS=1``;
see ``dorsi.web.local_tls``). Waitress runs with ``--url-scheme=https`` and listens on the
loopback only, so every request it sees came through here, encrypted.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import sys
from functools import partial

CHUNK = 65536


def server_context(cert: str, key: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except OSError:  # the other side went away
        pass


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError):  # ssl.SSLError and ConnectionError are OSErrors
        await writer.wait_closed()


async def _handle(
    upstream_port: int, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter
) -> None:
    try:
        up_r, up_w = await asyncio.open_connection("127.0.0.1", upstream_port)
    except OSError:
        await _close(client_w)
        return
    await asyncio.gather(_pipe(client_r, up_w), _pipe(up_r, client_w))
    await asyncio.gather(_close(up_w), _close(client_w))


def _quiet(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    """A browser that refuses the certificate the first time ends its handshake: not news."""
    if isinstance(context.get("exception"), ssl.SSLError | ConnectionError):
        return
    loop.default_exception_handler(context)


async def serve(host: str, port: int, upstream_port: int, context: ssl.SSLContext) -> None:
    asyncio.get_running_loop().set_exception_handler(_quiet)
    server = await asyncio.start_server(
        partial(_handle, upstream_port), host, port, ssl=context, reuse_address=True
    )
    async with server:
        await server.serve_forever()


def main(argv: list[str]) -> int:
    host, port, upstream, cert, key = argv
    asyncio.run(serve(host, int(port), int(upstream), server_context(cert, key)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
