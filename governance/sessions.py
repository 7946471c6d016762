"""Sessions kept in the database, as Django keeps them (the same table, the same signed
data), read with a query compiled once: every signed-in page reads its session, and the
ORM's compiling of that one query cost about 0.3 ms of each page's CPU (issue 33).

Settings: `SESSION_ENGINE = "governance.sessions"`.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .prepared import Prepared

_SESSION = Prepared(
    lambda key: Session.objects.filter(session_key=key).values_list("session_data", "expire_date"),
    key=str,
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The session's row if it is there and has not expired (else None, and the store
        forgets the key, as Django's does)."""
        found = _SESSION(key=self.session_key) if self.session_key else []
        if found:
            data, expires = found[0]
            if expires > timezone.now():
                return Session(session_key=self.session_key, session_data=data,
                               expire_date=expires)  # fmt: skip
        self._session_key = None
        return None
