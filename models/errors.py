"""Errors of the model tooling, each with what to do next.

::

    GiaoviecError (extraction.errors)
     ├─ InputError                 exit 2: wrong input or usage
     │   ├─ UnknownVersion    M001 no such model version under models/
     │   └─ BadCorpus         M002 a corpus folder without NAME.txt + NAME.gold.json pairs
     ├─ ModelRefused          M003 exit 1: the model scores below the active one
     └─ ServiceUnavailable    M004 exit 3: Label Studio cannot be reached (or is not configured)
         └─ ServiceAuthFailed M005 exit 3: the token is wrong or expired
"""

from __future__ import annotations

from extraction.errors import GiaoviecError, InputError


class UnknownVersion(InputError):
    """No model of that version exists under the models folder."""

    code = "M001"


class BadCorpus(InputError):
    """A corpus folder has no annotated documents, or a gold file is malformed."""

    code = "M002"


class ModelRefused(GiaoviecError):
    """Activation refused: the candidate scores below the active model on the evaluation set."""

    code = "M003"


class ServiceUnavailable(GiaoviecError):
    """A service giaoviec depends on cannot be reached (exit status 3)."""

    code = "M004"
    exit_code = 3


class ServiceAuthFailed(ServiceUnavailable):
    """The service answered, but refused the credentials."""

    code = "M005"


class MissingDependency(InputError):
    """A part of the package needs an optional dependency that is not installed."""

    code = "M006"
