from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# The order matters: the site shell first, then what hangs off it.
DEMO_MODULES = ["home.demo.site", "campaigns.demo"]


class Command(BaseCommand):
    help = (
        "Build the demo site of DESIGN.md's page tree. Idempotent: pages and images that "
        "already exist are kept as they are, so a second run changes nothing."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading the demo site…")
        created = 0
        with transaction.atomic():
            for name in DEMO_MODULES:
                created += import_module(name).build(self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {created} item(s) created, the rest already there.")
        )
