import os
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from campaigns.access.roles import CAMPAIGNERS, EDITORS, SUPPORTER_DATA
from home.signin import two_factor

# Only ever used with DEBUG on, for the local demo that `make run` serves.
DEFAULT_PASSWORD = "change-me-now"  # noqa: S105
# One user per role, to try the admin as each sees it; never made with DEBUG off.
DEMO_USERS = [("campaigner", CAMPAIGNERS), ("editor", EDITORS), ("supporter-data", SUPPORTER_DATA)]
# The authenticator secret of the demo users who must sign in with a second factor (DEBUG
# only, and only while they keep DEFAULT_PASSWORD): as public as that password.
DEMO_TOTP_SECRET = "DEMOCAMPAIGNDEMOCAMPAIGNDEMOCAMP"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Create an administrator for local use if there is none, and print the login. "
        "The password comes from ADMIN_PASSWORD (default only with DEBUG on). "
        "With DEBUG on, also create one demo user per role (campaigner, editor, supporter-data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password = os.environ.get("ADMIN_PASSWORD")
        if not password:
            if not settings.DEBUG:
                raise CommandError(
                    "Set ADMIN_PASSWORD: there is no default password outside development."
                )
            password = DEFAULT_PASSWORD
        self.login_url = f"{settings.BASE_URL}/admin/"
        self.ensure_admin(username, password)
        if settings.DEBUG:
            self.ensure_demo_users()
            self.enrol_demo_users()

    def ensure_admin(self, username, password):
        users = get_user_model().objects
        admin = users.filter(username=username).first()
        if admin is None and users.filter(is_superuser=True).exists():
            self.stdout.write(f"An administrator already exists; sign in at {self.login_url}")
            return
        if admin is None:
            users.create_superuser(username=username, email="", password=password)
            self.stdout.write(self.style.SUCCESS("Created the administrator."))
        elif not admin.check_password(password):
            self.stdout.write(
                f"Admin login: {self.login_url} as “{username}” (with the password you set)"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {self.login_url}  username: {username}  password: {password}"
            )
        )

    def ensure_demo_users(self):
        users = get_user_model().objects
        for username, group_name in DEMO_USERS:
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                self.stderr.write(
                    f"No “{group_name}” group, so no “{username}” user: run `manage.py migrate`."
                )
                continue
            user = users.filter(username=username).first()
            if user is None:
                user = users.create_user(username=username, email="", password=DEFAULT_PASSWORD)
            user.groups.add(group)
            if user.check_password(DEFAULT_PASSWORD):
                login = f"username: {username}  password: {DEFAULT_PASSWORD}"
            else:
                login = f"username: {username}  (with the password you set)"
            self.stdout.write(f"{group_name} login: {self.login_url}  {login}")

    def enrol_demo_users(self):
        """Give the demo users who need a second factor the demo secret, and say how to get
        a code without a phone."""
        users = get_user_model().objects.order_by("username")
        enrolled = []
        for user in users:
            if not user.check_password(DEFAULT_PASSWORD) or not two_factor.is_required(user):
                continue
            if not two_factor.is_enrolled(user):
                two_factor.enrol(user, DEMO_TOTP_SECRET)
            if two_factor.unsealed(two_factor.device_of(user).sealed_secret) == DEMO_TOTP_SECRET:
                enrolled.append(user.get_username())
        if enrolled:
            self.stdout.write(
                f"Two-factor code for {', '.join(enrolled)} (demo key {DEMO_TOTP_SECRET}): "
                "add the key to an authenticator app, or print the current code with\n"
                f'  {sys.executable} -c "import pyotp; '
                f"print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\""
            )
