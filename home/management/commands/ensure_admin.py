import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

# Only ever used with DEBUG on, for the local demo that `make run` serves.
DEFAULT_PASSWORD = "change-me-now"  # noqa: S105


class Command(BaseCommand):
    help = (
        "Create an administrator for local use if there is none, and print the login. "
        "The password comes from ADMIN_PASSWORD (default only with DEBUG on)."
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
        users = get_user_model().objects
        login_url = f"{settings.BASE_URL}/admin/"
        admin = users.filter(username=username).first()
        if admin is None and users.filter(is_superuser=True).exists():
            self.stdout.write(f"An administrator already exists; sign in at {login_url}")
            return
        if admin is None:
            users.create_superuser(username=username, email="", password=password)
            self.stdout.write(self.style.SUCCESS("Created the administrator."))
        elif not admin.check_password(password):
            self.stdout.write(
                f"Admin login: {login_url} as “{username}” (with the password you set)"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {login_url}  username: {username}  password: {password}"
            )
        )
