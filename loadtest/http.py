"""A small asyncio HTTP/1.1 client over loopback (standard library only).

One request per connection (``Connection: close``), read to EOF, so a killed server is
seen as a connection error and never as a half-read keep-alive stream. Each client may
bind its own loopback source address (``127.0.0.N``), so per-address rate limits see
separate learners. Cookies are kept per client.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

CSRF_META = re.compile(rb'name="csrf-token" content="([^"]+)"')


class RequestFailed(Exception):
    """No HTTP response: refused, reset, or timed out."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    ms: float

    def json(self) -> Any:
        return json.loads(self.body or b"null")


def _dechunk(body: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        end = body.index(b"\r\n", pos)
        size = int(body[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += body[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2


@dataclass
class HttpClient:
    port: int
    source: str = "127.0.0.1"
    timeout: float = 30.0
    cookies: dict[str, str] = field(default_factory=dict)

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        body = b""
        head = {"Host": f"127.0.0.1:{self.port}", "Connection": "close", "Accept-Language": "en"}
        if json_body is not None:
            body = json.dumps(json_body).encode()
            head["Content-Type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            head["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head.update(headers or {})
        head["Content-Length"] = str(len(body))
        raw = f"{method} {path} HTTP/1.1\r\n".encode()
        raw += "".join(f"{k}: {v}\r\n" for k, v in head.items()).encode() + b"\r\n" + body
        started = time.perf_counter()
        try:
            data = await asyncio.wait_for(self._exchange(raw), self.timeout)
        except (OSError, TimeoutError, asyncio.IncompleteReadError) as error:
            raise RequestFailed(f"{type(error).__name__}: {error}") from error
        ms = (time.perf_counter() - started) * 1000
        return self._parse(data, ms)

    async def _exchange(self, raw: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", self.port, local_addr=(self.source, 0)
        )
        try:
            writer.write(raw)
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    def _parse(self, data: bytes, ms: float) -> Response:
        if b"\r\n\r\n" not in data:
            raise RequestFailed(f"incomplete response ({len(data)} bytes)")
        head, body = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name] = rest.split(";", 1)[0]
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = _dechunk(body)
        elif "content-length" in headers and len(body) < int(headers["content-length"]):
            raise RequestFailed("response cut short")
        return Response(status, headers, body, ms)

    async def csrf_token(self, path: str = "/auth/login") -> str:
        page = await self.request("GET", path)
        match = CSRF_META.search(page.body)
        if not match:
            raise RequestFailed(f"no csrf token on {path} (status {page.status})")
        return match.group(1).decode()
