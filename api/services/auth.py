"""Who is asking: users with passwords, machine clients with API keys, signed session cookies.

A *principal* is the user or key behind a request, with its organisation and role. Every
service function takes one and checks the role it needs with ``require_role``.

Passwords are argon2id hashes; API keys are 256-bit random strings of which only the sha256
is kept (a fast hash is enough for a random key, and lets a request find its key by index).
Session cookies are signed with itsdangerous and carry the user id, the CSRF token and the id
of a ``user_sessions`` row: logging out revokes that row, so a copied cookie dies with the
logout. Failed logins are counted per user name and per client address; past a few, each
next try must wait a delay that doubles with every failure (``TooManyLogins``, 429 with
Retry-After, before the password is even checked). The delay is capped, so nobody can lock a
real user out: wrong passwords sent for someone else's name cost them at most that wait.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from api.db.session import Database
from api.db.tables import KEY_ROLES, USER_ROLES, ApiKey, LoginFailure, Organisation, User, UserSession
from api.errors import Forbidden, InvalidRequest, LoginFailed, NotAuthenticated, TooManyLogins
from api.logging import fields
from api.services import audit

log = logging.getLogger(__name__)

UPLOAD_ROLES = frozenset({"uploader", "reviewer", "approver", "admin"})
READ_ROLES = frozenset({"uploader", "reviewer", "approver", "annotator", "admin", "tracker"})
REVIEW_ROLES = frozenset({"reviewer", "approver", "admin"})
PUBLISH_ROLES = frozenset({"approver", "admin"})

# Clearance a reader needs for a document's content (QC 08 Art. 5.2–5.3): 1 Mật, 2 Tối mật.
CLEARANCE_FOR = {"Mật": 1, "Tối mật": 2}
CLEARANCE_NAMES = {"none": 0, "secret": 1, "top-secret": 2}

KEY_PREFIX = "gv_"
_hasher = PasswordHasher()
# Verified when the user does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("giaoviec-timing-guard")


@dataclass(frozen=True, slots=True)
class Principal:
    """The user or API key behind a request."""

    kind: str  # "user" | "key"
    id: int
    name: str
    org_id: int
    role: str
    clearance: int = 0
    via_cookie: bool = False

    @property
    def actor(self) -> str:
        """How the audit log names it: ``user:alice`` or ``key:scanner``."""
        return f"{self.kind}:{self.name}"

    def may_read(self, secrecy: str | None) -> bool:
        return self.clearance >= CLEARANCE_FOR.get(secrecy or "", 0)


def require_role(principal: Principal, roles: frozenset[str], *, action: str) -> None:
    if principal.role not in roles:
        raise Forbidden(
            f"the role {principal.role!r} may not {action}; it needs one of: {', '.join(sorted(roles))}",
            required_roles=sorted(roles),
        )


# --- passwords and users ---------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def get_or_create_org(session: Session, name: str, *, now: datetime) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name, created_at=now)
        session.add(org)
        session.flush()
    return org


def add_user(db: Database, *, username: str, password: str, org: str, role: str,
             clearance: int = 0, now: datetime, actor: str = "cli") -> User:
    """Create a user (``giaoviec users add``); the organisation is created if new."""
    if role not in USER_ROLES:
        raise InvalidRequest(f"unknown role {role!r}; use one of {', '.join(USER_ROLES)}")
    if len(password) < 8:
        raise InvalidRequest("the password must have at least 8 characters")
    with db.session() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise InvalidRequest(f"the user {username!r} exists already")
        organisation = get_or_create_org(session, org, now=now)
        user = User(org_id=organisation.id, username=username, password_hash=hash_password(password),
                    role=role, clearance=clearance, is_active=True, created_at=now)
        session.add(user)
        session.flush()
        audit.record(session, actor=actor, action="user.create", entity="user", entity_id=user.id,
                     org_id=organisation.id, before=None,
                     after={"username": username, "role": role, "clearance": clearance,
                            "org": org}, at=now)
    return user


def add_api_key(db: Database, *, name: str, org: str, role: str, now: datetime,
                actor: str = "cli") -> tuple[ApiKey, str]:
    """Create an API key; returns the row and the key, which is shown only this once."""
    if role not in KEY_ROLES:
        raise InvalidRequest(f"unknown key role {role!r}; use one of {', '.join(KEY_ROLES)}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with db.session() as session:
        organisation = get_or_create_org(session, org, now=now)
        row = ApiKey(org_id=organisation.id, name=name, prefix=key[:10], key_hash=_key_hash(key),
                     role=role, is_active=True, created_at=now)
        session.add(row)
        session.flush()
        audit.record(session, actor=actor, action="api_key.create", entity="api_key",
                     entity_id=row.id, org_id=organisation.id, before=None,
                     after={"name": name, "role": role, "prefix": row.prefix, "org": org}, at=now)
    return row, key


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class LoginThrottle:
    """Growing delays instead of a lockout: after ``free_failures`` failed logins within
    ``window`` (per user name, and per client address), the next try waits ``base_delay`` and
    each further failure doubles the wait, up to ``max_delay``."""

    free_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    base_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, failures: int) -> float:
        """Seconds to wait after the last of ``failures`` failures (0 while they are few)."""
        if failures < self.free_failures:
            return 0.0
        return min(self.max_delay, self.base_delay * 2 ** min(failures - self.free_failures, 32))


def _address_key(address: str) -> str:
    # Failures by client address share the table with those by user name; brackets keep the
    # two apart (a user name never has them: ``add_user``'s names come from the admin).
    return f"[{address[:96]}]"


def login(db: Database, *, username: str, password: str, now: datetime,
          throttle: LoginThrottle = LoginThrottle(), client: str | None = None) -> tuple[Principal, str]:
    """The user for a name and password and a new session id, or LoginFailed (the same answer
    for both mistakes), or TooManyLogins while the name or the client address must wait."""
    keys = [username[:100]] + ([_address_key(client)] if client else [])
    with db.session(read_only=True) as session:
        wait = max(_wait(session, key, throttle, now) for key in keys)
        user = session.scalar(select(User).where(User.username == username))
    if wait > 0:
        retry = max(1, math.ceil(wait))
        log.warning("login_throttled", extra=fields(username=username, retry_after=retry))
        raise TooManyLogins(f"too many failed logins for this user name or from this address; try again in "
                            f"{retry} seconds", retry_after=retry)
    if user is None:
        check_password(_DUMMY_HASH, password)
    if user is None or not check_password(user.password_hash, password) or not user.is_active:
        with db.session() as session:
            # Failures older than the window count no more: drop them, so the table stays small.
            session.execute(delete(LoginFailure).where(LoginFailure.username.in_(keys),
                                                       LoginFailure.at <= now - throttle.window))
            session.add_all(LoginFailure(username=key, at=now) for key in keys)
        log.info("login_failed", extra=fields(username=username))
        raise LoginFailed("wrong user name or password")
    session_id = secrets.token_urlsafe(32)
    with db.session() as session:
        # The name's failures are forgiven; the address's are not (one valid account must not
        # reset the count of a client that guesses others).
        session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        session.add(UserSession(id=session_id, user_id=user.id, created_at=now, revoked_at=None))
    log.info("login", extra=fields(user_id=user.id))
    return _user_principal(user, via_cookie=True), session_id


def _wait(session: Session, key: str, throttle: LoginThrottle, now: datetime) -> float:
    """Seconds the failures recorded under ``key`` still impose."""
    count, last = session.execute(
        select(func.count(), func.max(LoginFailure.at))
        .where(LoginFailure.username == key, LoginFailure.at > now - throttle.window)
    ).one()
    if not count or last is None:
        return 0.0
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    return max(0.0, (last + timedelta(seconds=throttle.delay(int(count))) - now).total_seconds())


def logout(db: Database, *, session_id: str, now: datetime) -> None:
    """Revoke a session: its cookie is refused from now on, wherever it was copied to."""
    with db.session() as session:
        session.execute(update(UserSession).where(UserSession.id == session_id,
                                                  UserSession.revoked_at.is_(None))
                        .values(revoked_at=now))


def failed_logins(db: Database, username: str, *, since: datetime) -> int:
    with db.session(read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.username == username, LoginFailure.at > since)) or 0)


def _user_principal(user: User, *, via_cookie: bool) -> Principal:
    return Principal(kind="user", id=user.id, name=user.username, org_id=user.org_id,
                     role=user.role, clearance=user.clearance, via_cookie=via_cookie)


def principal_for_key(db: Database, key: str) -> Principal:
    with db.session(read_only=True) as session:
        row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _key_hash(key)))
    if row is None or not row.is_active:
        raise NotAuthenticated("unknown or revoked API key")
    return Principal(kind="key", id=row.id, name=row.name, org_id=row.org_id, role=row.role)


def principal_for_user(db: Database, user_id: int, session_id: str) -> Principal:
    """The user of a live session; NotAuthenticated once it was revoked (logged out)."""
    with db.session(read_only=True) as session:
        row = session.execute(
            select(User, UserSession.revoked_at).join(UserSession, UserSession.user_id == User.id)
            .where(User.id == user_id, UserSession.id == session_id)
        ).first()
    if row is None or row[1] is not None:
        raise NotAuthenticated("this session was closed (logged out); log in again")
    user = row[0]
    if not user.is_active:
        raise NotAuthenticated("the account of this session no longer exists; log in again")
    return _user_principal(user, via_cookie=True)


def organisation_name(db: Database, org_id: int) -> str:
    with db.session(read_only=True) as session:
        org = session.get(Organisation, org_id)
    return org.name if org else ""


# --- session cookies and CSRF ----------------------------------------------------------------


class _Signer(TimestampSigner):
    """A timestamp signer whose clock can be set (tests mint expired sessions)."""

    timestamp: float | None = None

    def get_timestamp(self) -> int:
        return int(self.timestamp if self.timestamp is not None else time.time())


def _serializer(secret: str, issued_at: float | None = None) -> URLSafeTimedSerializer:
    signer = type("Signer", (_Signer,), {"timestamp": issued_at})
    return URLSafeTimedSerializer(secret, salt="giaoviec.session", signer=signer)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def session_token(secret: str, *, user_id: int, csrf: str, session_id: str,
                  issued_at: float | None = None) -> str:
    return _serializer(secret, issued_at).dumps({"uid": user_id, "csrf": csrf, "sid": session_id})


def read_session_token(secret: str, token: str, *, max_age: int) -> dict[str, Any]:
    try:
        data = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise NotAuthenticated("the session has expired; log in again") from None
    except BadSignature:
        raise NotAuthenticated("the session cookie is not valid; log in again") from None
    if not isinstance(data, dict) or not {"uid", "csrf", "sid"} <= data.keys():
        raise NotAuthenticated("the session cookie is not valid; log in again")
    return data


def csrf_matches(expected: str, *candidates: str | None) -> bool:
    """Double submit: the header and the cookie both equal the token signed into the session."""
    return all(c is not None and hmac.compare_digest(c, expected) for c in candidates)
