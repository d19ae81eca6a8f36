"""`manage.py reset_2fa USERNAME`: for someone who lost their phone and recovery codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.signin import two_factor


class Command(BaseCommand):
    help = (
        "Remove a person's two-factor authenticator and recovery codes (a lost phone). "
        "They set it up again at their next sign-in: check first that it is really them."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user “{username}”.")
        if two_factor.reset(user):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Two-factor sign-in reset for “{username}”: they set it up again at their "
                    "next sign-in."
                )
            )
        else:
            self.stdout.write(f"“{username}” had no two-factor sign-in: nothing to reset.")
