"""A checkout's settings (manage.py's default): the base settings, after its .env.

`make demo` writes .env (DEBUG on, a generated SECRET_KEY). The environment wins over it;
FACTCHECK_ENV_FILE names another file. Production and the tests never read it.
"""

import os
from pathlib import Path

from dotenv import load_dotenv

load_dotenv(
    os.environ.get("FACTCHECK_ENV_FILE") or Path(__file__).resolve().parents[2] / ".env",
    override=False,
)

from factcheck.settings.base import *  # noqa: E402, F403
