"""FhirClient alone, over httpx.MockTransport: headers, errors, tokens, logs."""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from typing import Any

import httpx
import pytest

from app import jsonio
from app.sync.client import (
    ClientCredentialsToken,
    FhirClient,
    OAuthClientCredentials,
    PlatformSettings,
    version_from_etag,
)
from app.sync.errors import (
    CredentialsRefused,
    NoNetwork,
    NotFhir,
    PlatformBusy,
    PlatformTimeout,
    RequestRejected,
    ServerFailed,
    VersionConflict,
    error_kind,
)
from tests.app.sync.helpers import run

BASE = "https://platform.example/fhir"
Handler = Any


def _client(handler: Handler, **settings: Any) -> FhirClient:
    return FhirClient(
        PlatformSettings(base_url=BASE, station_name="bed-3", **settings),
        transport=httpx.MockTransport(handler),
    )


def _answer(
    status: int, body: Any = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    content = b"" if body is None else jsonio.dumps(body).encode()
    return httpx.Response(status, content=content, headers=headers or {})


async def _call(
    client: FhirClient, method: str = "GET", path: str = "Patient/1"
) -> Any:
    async with client:
        return await client.request(method, path)


def test_every_request_names_the_station_and_carries_the_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _answer(200, {"resourceType": "Patient", "id": "1"})

    run(_call(_client(handler, token="t0ken")))
    assert seen[0].headers["User-Agent"] == "Careloop/0.1 (bed-3)"
    assert seen[0].headers["Authorization"] == "Bearer t0ken"
    assert seen[0].headers["Accept"] == "application/fhir+json"


def test_decimals_go_out_and_come_back_digit_for_digit() -> None:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(201, content=request.content, headers={"ETag": 'W/"1"'})

    resource = {
        "resourceType": "Observation",
        "valueQuantity": {"value": Decimal("1.50")},
    }

    async def create() -> Any:
        async with _client(handler) as client:
            return await client.create(resource, if_none_exist="identifier=x|y")

    answer = run(create())
    assert b'"value":1.50' in sent[0]
    assert answer.body["valueQuantity"]["value"] == Decimal("1.50")
    assert str(answer.body["valueQuantity"]["value"]) == "1.50"
    assert answer.etag_version == "1"


@pytest.mark.parametrize(
    ("answer", "expected", "kind"),
    [
        (_answer(401), CredentialsRefused, "token"),
        (_answer(403), CredentialsRefused, "token"),
        (_answer(412), VersionConflict, "conflict"),
        (_answer(429, headers={"Retry-After": "12"}), PlatformBusy, "busy"),
        (_answer(503), PlatformBusy, "busy"),
        (
            _answer(500, {"resourceType": "OperationOutcome", "issue": []}),
            ServerFailed,
            "server",
        ),
        (httpx.Response(502, content=b"<html>gateway</html>"), NotFhir, "not-fhir"),
        (httpx.Response(200, content=b"<html>login</html>"), NotFhir, "not-fhir"),
        (
            _answer(
                422,
                {
                    "resourceType": "OperationOutcome",
                    "issue": [
                        {
                            "severity": "error",
                            "code": "invalid",
                            "diagnostics": "bad",
                            "expression": ["Bundle.entry[4].resource"],
                        }
                    ],
                },
            ),
            RequestRejected,
            "rejected",
        ),
    ],
)
def test_answers_become_typed_errors(
    answer: httpx.Response, expected: type[Exception], kind: str
) -> None:
    with pytest.raises(expected) as raised:
        run(_call(_client(lambda request: answer)))
    assert error_kind(raised.value) == kind


def test_a_rejection_names_the_entry_and_the_outcome() -> None:
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "structure",
                "diagnostics": "Transaction failed and was rolled back: Entry 2 (POST Observation): bad",
            }
        ],
    }
    with pytest.raises(RequestRejected) as raised:
        run(_call(_client(lambda request: _answer(400, outcome))))
    assert raised.value.entry_index == 2
    assert "Entry 2" in raised.value.outcome


def test_retry_after_is_read_as_seconds() -> None:
    with pytest.raises(PlatformBusy) as raised:
        run(_call(_client(lambda request: _answer(429, headers={"Retry-After": "12"}))))
    assert raised.value.retry_after_s == 12.0


def test_network_failures_are_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(NoNetwork):
        run(_call(_client(refuse)))
    with pytest.raises(PlatformTimeout):
        run(_call(_client(slow)))


def test_client_credentials_are_fetched_once_and_refreshed_after_a_401() -> None:
    tokens_given: list[str] = []
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            assert request.headers["Authorization"].startswith("Basic ")
            tokens_given.append(f"tok-{len(tokens_given)}")
            return httpx.Response(
                200, json={"access_token": tokens_given[-1], "expires_in": 600}
            )
        calls.append(request.headers["Authorization"])
        if request.headers["Authorization"] == "Bearer tok-0" and len(calls) > 1:
            return _answer(401)
        return _answer(200, {"resourceType": "Patient", "id": "1"})

    grant = OAuthClientCredentials("https://platform.example/token", "bed-3", "s3cret")
    client = _client(handler, oauth=grant)

    async def three_reads() -> None:
        async with client:
            for _ in range(3):
                await client.request("GET", "Patient/1")

    run(three_reads())
    assert calls == ["Bearer tok-0", "Bearer tok-0", "Bearer tok-1", "Bearer tok-1"]


def test_a_token_endpoint_that_says_no_is_a_refused_token() -> None:
    grant = OAuthClientCredentials("https://platform.example/token", "bed-3", "wrong")
    client = _client(lambda request: httpx.Response(401), oauth=grant)
    with pytest.raises(CredentialsRefused):
        run(_call(client))


@pytest.mark.parametrize(
    ("status", "expected", "kind"),
    [(500, ServerFailed, "server"), (503, PlatformBusy, "busy")],
)
def test_a_token_endpoint_that_is_down_is_not_called_a_refused_token(
    status: int, expected: type[Exception], kind: str
) -> None:
    grant = OAuthClientCredentials("https://platform.example/token", "bed-3", "ok")
    client = _client(lambda request: httpx.Response(status), oauth=grant)
    with pytest.raises(expected) as raised:
        run(_call(client))
    assert not isinstance(raised.value, CredentialsRefused)
    assert error_kind(raised.value) == kind


def test_one_info_line_per_exchange_without_query_or_body(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = _client(
        lambda request: _answer(200, {"resourceType": "Bundle", "type": "searchset"})
    )

    async def search() -> None:
        async with client:
            await client.search("Patient", {"identifier": "H-123456"})

    with caplog.at_level(logging.INFO, logger="app.sync.client"):
        run(search())
    lines = [
        record.getMessage()
        for record in caplog.records
        if record.name == "app.sync.client"
    ]
    assert len(lines) == 1
    assert lines[0].startswith("GET /fhir/Patient -> 200 in ")
    assert "H-123456" not in lines[0]
    assert client.recent[-1].status == 200


def test_etag_versions_stay_opaque() -> None:
    assert version_from_etag('W/"3"') == "3"
    assert version_from_etag('"a1b2-c3"') == "a1b2-c3"
    assert version_from_etag(None) is None


def test_token_cache_expires_by_the_injected_clock() -> None:
    now = [0.0]
    fetched: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(1)
        return httpx.Response(
            200, content=json.dumps({"access_token": "t", "expires_in": 60})
        )

    source = ClientCredentialsToken(
        OAuthClientCredentials("https://p/token", "a", "b"), clock=lambda: now[0]
    )

    async def ask() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            await source.bearer(http, refresh=False)
            await source.bearer(http, refresh=False)
            now[0] = 31.0  # 60 s lifetime less the 30 s margin
            await source.bearer(http, refresh=False)

    run(ask())
    assert len(fetched) == 2
