from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.demo import translations


def demo_modules():
    """Each installed app's `demo` module, in INSTALLED_APPS order: the site shell (home)
    first, then the apps that hang off it. An app takes part by having one."""
    return [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "demo")
    ]


class Command(BaseCommand):
    help = (
        "Build the demo site of DESIGN.md's page tree. Idempotent: pages and images that "
        "already exist are kept as they are, so a second run changes nothing."
    )

    def handle(self, *args, **options):
        self.stdout.write("Loading the demo site…")
        created = 0
        with transaction.atomic():
            for module in demo_modules():
                created += module.build(self.stdout.write)
            # Last, when every English page exists: the Russian and Kazakh demo.
            created += translations.build(self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {created} item(s) created, the rest already there.")
        )
