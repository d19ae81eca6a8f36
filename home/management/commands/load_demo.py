from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.site import build_site


class Command(BaseCommand):
    help = (
        "Build the demo site of DESIGN.md's page tree. Idempotent: pages and images that "
        "already exist are kept as they are, so a second run changes nothing."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading the demo site…")
        with transaction.atomic():
            created = build_site(self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {created} item(s) created, the rest already there.")
        )
