"""The database search backend, with each language's own text-search rules on PostgreSQL.

PostgreSQL stems words by a text-search configuration: `russian` finds «политзаключённых»
for «политзаключённый»; Kazakh has none, so `simple` (whole words, no stemming) is used;
English keeps the database's default. A page is indexed with its language's
configuration and searched with the reader's. SQLite and the others keep Wagtail's own
database backend unchanged.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}, and
optionally "SEARCH_CONFIGS": {"ru": "russian", "kk": "simple"} to change the mapping.
"""

import copy
from collections import defaultdict

from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

from home.i18n import language_code

SEARCH_CONFIGS = {"ru": "russian", "kk": "simple"}


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    from modelsearch.backends.database.postgres.postgres import (  # noqa: PLC0415
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[
                    self.backend.config_for(language_code(getattr(obj, "locale_id", None)))
                ].append(obj)
            original = self.backend
            try:
                for config, group in groups.items():
                    self.backend = copy.copy(original)
                    self.backend.config = config
                    super().add_items(model, group)
            finally:
                self.backend = original

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return backend.config_for(translation.get_language())

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.configs = {**SEARCH_CONFIGS, **params.get("SEARCH_CONFIGS", {})}
            self.default_config = self.config

        def config_for(self, code):
            return self.configs.get((code or "").split("-")[0], self.default_config)

    return LanguagePostgresSearchBackend(params)
