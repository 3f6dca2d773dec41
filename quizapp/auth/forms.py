"""WTForms for the account pages (each carries a CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

PASSWORD_MIN, PASSWORD_MAX = 8, 128
_NEW = {"autocomplete": "new-password"}
_CURRENT = {"autocomplete": "current-password"}

_password_rules = [
    DataRequired(),
    Length(
        min=PASSWORD_MIN,
        max=PASSWORD_MAX,
        message=_l(
            "Use between %(min)d and %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX
        ),
    ),
]


class RegisterForm(FlaskForm):
    username = StringField(
        _l("User name"),
        validators=[
            DataRequired(),
            Length(min=3, max=40),
            Regexp(r"^[\w.\-]+$", message=_l("Use letters, digits, '.', '-' or '_' only.")),
        ],
        render_kw={"autocomplete": "username"},
    )
    email = EmailField(
        _l("E-mail (optional)"),
        validators=[Optional(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(_l("Password"), validators=_password_rules, render_kw=_NEW)
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw=_NEW,
    )


class LoginForm(FlaskForm):
    login = StringField(
        _l("User name or e-mail"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)], render_kw=_CURRENT
    )
    remember = BooleanField(_l("Keep me logged in"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()], render_kw=_CURRENT)
    password = PasswordField(_l("New password"), validators=_password_rules, render_kw=_NEW)
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw=_NEW,
    )
