"""The Flask extension objects, created unbound and initialised in ``create_app``."""

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from quizapp.config import PACKAGE_DIR
from quizapp.models.base import Base

db = SQLAlchemy(model_class=Base, disable_autonaming=True)
migrate = Migrate(directory=str(PACKAGE_DIR.parent / "migrations"), render_as_batch=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def _client_key() -> str:
    """Rate-limit key: the client address (proxies must set ``X-Forwarded-For`` via ProxyFix)."""
    return get_remote_address() or request.remote_addr or "unknown"


limiter = Limiter(key_func=_client_key)
