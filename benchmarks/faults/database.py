"""The faults run's database on its private server: migrated, the roles, the demo data, the static
files, and a staff publisher signed in (a session made directly, so no request pays for a password
hash); then the checks that every acknowledged write is there."""

import json
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import BASE_DIR, HarnessError

DATABASE = "cci_faults"
STAFF_USERNAME = "faults-publisher"

# Run in ``manage.py shell``: the staff writer (a publisher, whose changes to a published record are
# saved at once; an editor's would wait for review), a session of theirs, and what the load reads and writes.
SETUP = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from projects.models import Project

user, _ = get_user_model().objects.get_or_create(username=%(username)r, defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="publisher"))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
drafts = list(Project.objects.filter(is_published=False).values_list("public_id", flat=True)[:8])
published = list(Project.objects.filter(is_published=True).values_list("public_id", flat=True)[:20])
print(json.dumps({
    "session_cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key,
    "csrf_cookie": settings.CSRF_COOKIE_NAME, "drafts": drafts or published[:4], "published": published,
}))
"""

# Every acknowledged write put its token in a project's summary; simple_history keeps each version.
CHECK = """
import json, sys
from projects.models import Project
tokens = json.loads(sys.stdin.read())
found = set(Project.history.filter(summary_en__in=tokens).values_list("summary_en", flat=True))
print(json.dumps(sorted(set(tokens) - found)))
"""


@dataclass(frozen=True)
class Prepared:
    env: dict[str, str]
    session_cookie: str
    session: str
    csrf_cookie: str
    drafts: list[str]
    published: list[str]


def manage(args: list[str], env: dict[str, str], *, stdin: str | None = None, timeout: float = 300) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise HarnessError(f"manage.py {args[0]} failed:\n{completed.stdout[-2000:]}\n{completed.stderr[-3000:]}")
    return completed.stdout


def prepare(env: dict[str, str], static_root: Path) -> Prepared:
    """Migrate, roles, demo data and static files on ``env``'s database; the editor and their session."""
    env = {**env, "DJANGO_STATIC_ROOT": str(static_root)}
    manage(["migrate", "--no-input", "--verbosity", "0"], env)
    manage(["setup_roles"], env)
    manage(["load_demo", "--if-empty"], env)
    manage(["collectstatic", "--no-input", "--verbosity", "0"], env)
    facts = json.loads(manage(["shell", "-c", SETUP % {"username": STAFF_USERNAME}], env).strip().splitlines()[-1])
    if not facts["drafts"] or not facts["published"]:
        raise HarnessError("The demo data has no projects to read and write.")
    return Prepared(env=env, **facts)


def missing_writes(env: dict[str, str], tokens: list[str]) -> list[str]:
    """The acknowledged writes' tokens that are not in the database."""
    if not tokens:
        return []
    output = manage(["shell", "-c", CHECK], env, stdin=json.dumps(tokens))
    return json.loads(output.strip().splitlines()[-1])


def csrf_token() -> str:
    """A CSRF secret (32 letters and digits), sent as both the cookie and the header."""
    return secrets.token_hex(16)
