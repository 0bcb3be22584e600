"""Errors of the review service, each with a stable code (E1xx; the core's are E0xx).

The hierarchy (``extraction.errors`` holds the base and the input errors)::

    GiaoviecError
    ├── InputError (extraction)       E001–E009, the uploaded file is wrong
    └── ServiceError                  a request the service refuses
        ├── UploadTooLarge            E101 over GIAOVIEC_MAX_UPLOAD_MB
        ├── SecrecyRefused            E102 a Tuyệt mật document (QC 08 Art. 5)
        ├── NotAuthenticated          E103 no, a wrong or an expired login or key
        ├── Forbidden                 E104 the role may not do this
        ├── CsrfFailed                E105 a cookie request without the CSRF header
        ├── NotFound                  E106 no such document or proposal (in this organisation)
        ├── VersionConflict           E107 the proposal changed since it was read
        ├── UndecidedProposals        E108 publishing with proposals still undecided
        ├── WrongState                E109 the document is not in a state that allows this
        ├── InvalidRequest            E110 a request body or parameter that makes no sense
        │   └── InvalidDeadline       E120 a deadline whose kind and date contradict each other
        ├── LoginFailed               E111 wrong user name or password
        ├── TooManyLogins             E113 too many failed logins: wait (429)
        ├── IdempotencyConflict       E121 an Idempotency-Key used before for other bytes
        └── JobError                  why a background job failed (a job's ``error_code``)
            ├── JobTimedOut           E130 over GIAOVIEC_JOB_TIME_LIMIT_SECONDS
            ├── JobOutOfMemory        E131 over GIAOVIEC_JOB_MEMORY_LIMIT_MB
            ├── WorkerLost            E132 the worker stopped (crash, kill -9) mid-job
            └── JobCancelled          E133 an administrator cancelled the job

HTTP statuses live in ``api.problems``, not here.
"""

from __future__ import annotations

from typing import Any

from extraction.errors import GiaoviecError


class ServiceError(GiaoviecError):
    """A request the service refuses; ``extra`` goes into the problem body."""

    code = "E100"

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.extra = extra


class UploadTooLarge(ServiceError):
    code = "E101"


class SecrecyRefused(ServiceError):
    code = "E102"


class NotAuthenticated(ServiceError):
    code = "E103"


class Forbidden(ServiceError):
    code = "E104"


class CsrfFailed(ServiceError):
    code = "E105"


class NotFound(ServiceError):
    code = "E106"


class VersionConflict(ServiceError):
    code = "E107"


class UndecidedProposals(ServiceError):
    code = "E108"


class WrongState(ServiceError):
    code = "E109"


class InvalidRequest(ServiceError):
    code = "E110"


class InvalidDeadline(InvalidRequest):
    code = "E120"


class LoginFailed(ServiceError):
    code = "E111"


class TooManyLogins(ServiceError):
    code = "E113"


class JobError(ServiceError):
    """Why a background job failed; stored as the job's and the document's ``error_code``."""

    code = "E130"


class JobTimedOut(JobError):
    code = "E130"


class JobOutOfMemory(JobError):
    code = "E131"


class WorkerLost(JobError):
    code = "E132"


class JobCancelled(JobError):
    code = "E133"


class IdempotencyConflict(ServiceError):
    code = "E121"
