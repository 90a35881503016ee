"""A small FHIR R4 client over one `httpx.AsyncClient`.

It knows the REST interactions the sync needs (read, search pages, create,
update with ``If-Match``, transaction Bundles), the station's credentials
(a static bearer token or OAuth2 client credentials), the hospital's CA
bundle and explicit time-outs, and it turns every failure into one of the
typed errors in `app.sync.errors`. It logs one INFO line per exchange
(method, path, status, milliseconds) and never a body or a query string,
which could hold patient data.

It deliberately does not retry: the push and pull loops decide what a
failure means for the outbox and when to come back.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from app import jsonio
from app.sync.backoff import parse_retry_after
from app.sync.errors import (
    CertificateUntrusted,
    CredentialsRefused,
    NoNetwork,
    NotFhir,
    PlatformBusy,
    PlatformTimeout,
    RequestRejected,
    ServerFailed,
    VersionConflict,
    error_kind,
    failing_entry,
    outcome_text,
)

log = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"
DEFAULT_CONNECT_TIMEOUT_S = 5.0
DEFAULT_READ_TIMEOUT_S = 30.0
RECENT_EXCHANGES = 50


@dataclass(frozen=True)
class OAuthClientCredentials:
    """OAuth2 client credentials grant: where to ask and who we are."""

    token_url: str
    client_id: str
    client_secret: str
    scope: str = "system/*.read system/*.write"


@dataclass(frozen=True)
class PlatformSettings:
    """How this station reaches the hospital platform."""

    base_url: str
    station_name: str
    token: str | None = None
    oauth: OAuthClientCredentials | None = None
    ca_bundle: str | None = None
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S
    read_timeout_s: float = DEFAULT_READ_TIMEOUT_S


@dataclass(frozen=True)
class Exchange:
    """One request and its result, for the admin screen; no bodies."""

    at: datetime
    method: str
    path: str
    status: int | None
    elapsed_ms: int
    error_kind: str | None = None
    entries: int = 0


@dataclass(frozen=True)
class FhirResponse:
    status: int
    body: Any
    headers: Mapping[str, str]

    @property
    def etag_version(self) -> str | None:
        return version_from_etag(self.headers.get("etag"))


def version_from_etag(etag: str | None) -> str | None:
    """``W/"3"`` -> ``3``; the version id stays an opaque string."""
    if not etag:
        return None
    value = etag.strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None


def etag_for(version: str) -> str:
    return f'W/"{version}"'


class TokenSource(Protocol):
    async def bearer(self, http: httpx.AsyncClient, refresh: bool) -> str | None: ...


class StaticToken:
    def __init__(self, token: str | None) -> None:
        self._token = token

    async def bearer(self, http: httpx.AsyncClient, refresh: bool) -> str | None:
        return self._token


class ClientCredentialsToken:
    """Fetches and caches a token; asks again when told it was refused."""

    def __init__(
        self, grant: OAuthClientCredentials, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._grant = grant
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0

    async def bearer(self, http: httpx.AsyncClient, refresh: bool) -> str | None:
        if refresh or self._token is None or self._clock() >= self._expires_at:
            await self._fetch(http)
        return self._token

    async def _fetch(self, http: httpx.AsyncClient) -> None:
        grant = self._grant
        try:
            answer = await http.post(
                grant.token_url,
                data={"grant_type": "client_credentials", "scope": grant.scope},
                auth=(grant.client_id, grant.client_secret),
            )
        except httpx.TransportError as error:
            raise _transport_error(error) from error
        status = answer.status_code
        if status in (429, 503):
            raise PlatformBusy(
                status, parse_retry_after(answer.headers.get("Retry-After"))
            )
        if status >= 500:
            # The identity service is down: our credentials may be fine, and
            # telling IT "token refused" would send them to the wrong place.
            raise ServerFailed(status, "the token endpoint failed")
        if status != 200:
            raise CredentialsRefused(status, "the token endpoint refused")
        try:
            granted = answer.json()
            self._token = str(granted["access_token"])
        except (ValueError, KeyError, TypeError) as error:
            raise NotFhir("the token endpoint answered without a token") from error
        lifetime_s = float(granted.get("expires_in", 300))
        self._expires_at = self._clock() + max(0.0, lifetime_s - 30.0)


def ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    """Trust the hospital's CA bundle when given, the system's otherwise."""
    if ca_bundle:
        return ssl.create_default_context(cafile=ca_bundle)
    return ssl.create_default_context()


class FhirClient:
    """The station's one connection to the platform."""

    def __init__(
        self,
        settings: PlatformSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        tokens: TokenSource | None = None,
        on_exchange: Callable[[Exchange], None] | None = None,
    ) -> None:
        self.settings = settings
        self.base_url = settings.base_url.rstrip("/")
        self._tokens = tokens or _token_source(settings)
        self._on_exchange = on_exchange
        self.recent: deque[Exchange] = deque(maxlen=RECENT_EXCHANGES)
        timeout = httpx.Timeout(
            settings.read_timeout_s, connect=settings.connect_timeout_s
        )
        self._http = httpx.AsyncClient(
            transport=transport,
            verify=ssl_context(settings.ca_bundle),
            timeout=timeout,
            headers={
                "User-Agent": f"Careloop/0.1 ({settings.station_name})",
                "Accept": FHIR_JSON,
            },
            trust_env=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> FhirClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # ---- interactions ----

    async def read(self, resource_type: str, fhir_id: str) -> FhirResponse:
        return await self.request("GET", f"{resource_type}/{fhir_id}")

    async def search(
        self, resource_type: str, params: Mapping[str, str]
    ) -> dict[str, Any]:
        answer = await self.request("GET", resource_type, params=params)
        return _bundle(answer)

    async def follow(self, url: str) -> dict[str, Any]:
        """GET a paging link exactly as the server gave it."""
        return _bundle(await self.request("GET", url))

    async def create(
        self, resource: Mapping[str, Any], if_none_exist: str | None = None
    ) -> FhirResponse:
        headers = {"If-None-Exist": if_none_exist} if if_none_exist else None
        return await self.request(
            "POST", str(resource["resourceType"]), body=resource, headers=headers
        )

    async def update(
        self,
        resource_type: str,
        fhir_id: str,
        resource: Mapping[str, Any],
        if_match: str | None,
    ) -> FhirResponse:
        headers = {"If-Match": etag_for(if_match)} if if_match else None
        return await self.request(
            "PUT", f"{resource_type}/{fhir_id}", body=resource, headers=headers
        )

    async def transaction(self, bundle: Mapping[str, Any]) -> dict[str, Any]:
        """POST a transaction; ask for locations and versions, not the bodies."""
        answer = await self.request(
            "POST", "", body=bundle, headers={"Prefer": "return=minimal"}
        )
        return _bundle(answer)

    # ---- the one exchange ----

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FhirResponse:
        """One HTTP exchange; 2xx returns, everything else raises a typed error."""
        url = path if path.startswith(("http://", "https://")) else self._url(path)
        content = jsonio.dumps(body).encode("utf-8") if body is not None else None
        entries = len(body.get("entry") or []) if body is not None else 0
        answer = await self._send(method, url, params, content, headers, entries)
        if answer.status_code == 401 and not isinstance(self._tokens, StaticToken):
            answer = await self._send(
                method, url, params, content, headers, entries, refresh=True
            )
        return self._interpret(method, url, answer)

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{path}" if path else self.base_url

    async def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        entries: int,
        refresh: bool = False,
    ) -> httpx.Response:
        started = time.monotonic()
        path = urlsplit(url).path
        try:
            request_headers = dict(headers or {})
            token = await self._tokens.bearer(self._http, refresh)
            if token:
                request_headers["Authorization"] = f"Bearer {token}"
            if content is not None:
                request_headers["Content-Type"] = FHIR_JSON
            answer = await self._http.request(
                method, url, params=params, content=content, headers=request_headers
            )
            await answer.aread()
        except httpx.TransportError as error:
            typed = _transport_error(error)
            self._record(method, path, None, started, error_kind(typed), entries)
            raise typed from error
        except CredentialsRefused as error:
            self._record(method, path, error.status, started, "token", entries)
            raise
        self._record(method, path, answer.status_code, started, None, entries)
        return answer

    def _record(
        self,
        method: str,
        path: str,
        status: int | None,
        started: float,
        kind: str | None,
        entries: int,
    ) -> None:
        elapsed_ms = int((time.monotonic() - started) * 1000)
        log.info(
            "%s %s -> %s in %d ms", method, path, status or kind or "error", elapsed_ms
        )
        exchange = Exchange(
            datetime.now(UTC), method, path, status, elapsed_ms, kind, entries
        )
        self.recent.append(exchange)
        if self._on_exchange is not None:
            self._on_exchange(exchange)

    def _interpret(self, method: str, url: str, answer: httpx.Response) -> FhirResponse:
        status = answer.status_code
        body = _parse_body(answer)
        if 200 <= status < 300:
            if body is _NOT_JSON:
                raise NotFhir(f"HTTP {status} with a body that is not FHIR JSON")
            return FhirResponse(status, body, answer.headers)
        text = outcome_text(body) or answer.reason_phrase
        if status in (401, 403):
            raise CredentialsRefused(status, text)
        if status == 412:
            raise VersionConflict(
                urlsplit(url).path, answer.request.headers.get("If-Match")
            )
        if status in (429, 503):
            raise PlatformBusy(
                status, parse_retry_after(answer.headers.get("Retry-After"))
            )
        if 400 <= status < 500:
            raise RequestRejected(status, text, failing_entry(body))
        if body is _NOT_JSON:
            raise NotFhir(f"HTTP {status} with a body that is not FHIR JSON")
        raise ServerFailed(status, text)


_NOT_JSON = object()


def _parse_body(answer: httpx.Response) -> Any:
    if not answer.content.strip():
        return None
    try:
        return jsonio.loads(answer.content)
    except ValueError:
        return _NOT_JSON


def _bundle(answer: FhirResponse) -> dict[str, Any]:
    body = answer.body
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise NotFhir(f"expected a Bundle, got {type(body).__name__}")
    return body


def _transport_error(error: httpx.TransportError) -> Exception:
    if isinstance(error, httpx.TimeoutException):
        return PlatformTimeout(f"no answer in time: {type(error).__name__}")
    if _is_certificate_failure(error):
        return CertificateUntrusted(
            f"the platform's certificate is not trusted: {error}"
        )
    return NoNetwork(f"{type(error).__name__}: {error}")


def _is_certificate_failure(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _token_source(settings: PlatformSettings) -> TokenSource:
    if settings.oauth is not None:
        return ClientCredentialsToken(settings.oauth)
    return StaticToken(settings.token)
