"""Contract tests: schemathesis generates requests from the service's OpenAPI description and
checks every answer (no 5xx, documented status and content type, body conforms to the schema).

It runs in process against the ASGI app, on both backends, with a seeded organisation (a
published document and one in review) and two identities: an approver (cookie + CSRF header)
and a tracker key. Logging out is left out (it would end the approver's session half-way).
Examples per operation are few, so the suite stays well under a minute per backend.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from api_helpers import seed_reviewed_document
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

MAX_EXAMPLES = 8
# Not this API's contract: a schema-valid request may still be refused with 422 on its meaning
# (an upload that is not Vietnamese, a selection outside the text, a cursor not given out).
EXCLUDED_CHECKS = [schemathesis.checks.positive_data_acceptance]


@pytest.fixture(scope="session")
def contract_identities(app: FastAPI) -> dict[str, dict[str, str]]:
    from api_helpers import Team

    team = Team(app, "org-contract")
    published = seed_reviewed_document(app, team.org, tasks=2)
    assert team.approver.post(f"/api/v1/documents/{published}/publish").status_code == 200
    seed_reviewed_document(app, team.org, tasks=2)
    approver = team.approver
    cookies = "; ".join(f"{name}={value}" for name, value in approver.cookies.items())
    tracker = team.key("tracker")
    return {
        "approver": {"Cookie": cookies, "X-CSRF-Token": approver.headers["X-CSRF-Token"]},
        "tracker": {"Authorization": tracker.headers["Authorization"]},
    }


class _WithoutLifespan:
    """The app for schemathesis without its lifespan: the test session's app is running already,
    and schemathesis would otherwise shut it down (database, workers, dispatcher) afterwards."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return


@pytest.fixture(scope="session")
def contract_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", _WithoutLifespan(app))


def _operations(schema: Any) -> list[Any]:
    operations = [result.ok() for result in schema.get_all_operations()]
    # Logging out would end the approver's session half-way through the run.
    return [op for op in operations if (op.method.upper(), op.path) != ("DELETE", "/api/v1/session")]


def _check_every_operation(schema: Any, headers: dict[str, str]) -> None:
    failures = []
    for operation in _operations(schema):

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, excluded_checks=EXCLUDED_CHECKS)

        try:
            check()
        except Exception as error:  # collected: one report for every operation that failed
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)


def test_contract_as_approver(contract_schema: Any, contract_identities: dict[str, dict[str, str]]) -> None:
    _check_every_operation(contract_schema, contract_identities["approver"])


def test_contract_as_tracker(contract_schema: Any, contract_identities: dict[str, dict[str, str]]) -> None:
    _check_every_operation(contract_schema, contract_identities["tracker"])
