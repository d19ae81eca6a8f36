"""The Russian and Kazakh catalogues are complete: every string of the site and its emails
is translated, nothing is fuzzy, plurals have each language's forms, placeholders match,
and `makemessages` finds no string the catalogues lack."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
MAKEMESSAGES_IGNORE = [".venv", "tests", "bench", ".e2e-cache", "staticfiles", "media", "var"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")
PLURAL_FORMS = {"ru": 3, "kk": 2}


def catalogue(code):
    return polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))


def keys(po):
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:5]}"
    assert not obsolete, f"{len(obsolete)} obsolete in {code}: {obsolete[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_plurals_have_each_form_and_placeholders_match(code):
    po = catalogue(code)
    assert f"nplurals={PLURAL_FORMS[code]};" in po.metadata["Plural-Forms"]
    problems = []
    for entry in po:
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if sorted(forms) != list(range(PLURAL_FORMS[code])) or not all(forms.values()):
                problems.append(("plural forms", entry.msgid))
            wanted = set(PLACEHOLDER.findall(entry.msgid_plural)) | set(
                PLACEHOLDER.findall(entry.msgid)
            )
            for text in forms.values():
                # A form may leave the count out ("одна подпись"), never add a name.
                if set(PLACEHOLDER.findall(text)) - wanted:
                    problems.append(("placeholder", entry.msgid))
        elif set(PLACEHOLDER.findall(entry.msgid)) != set(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(("placeholder", entry.msgid))
    assert not problems, problems[:10]


def test_russian_plurals_follow_russian_grammar():
    with translation.override("ru"):
        words = [
            translation.ngettext("%(count)d year", "%(count)d years", n) % {"count": n}
            for n in (1, 2, 5, 21, 22, 25, 11)
        ]
    assert words == ["1 год", "2 года", "5 лет", "21 год", "22 года", "25 лет", "11 лет"]


def test_dates_and_numbers_follow_each_language():
    import datetime

    from django.contrib.humanize.templatetags.humanize import intcomma

    day = datetime.date(2021, 1, 20)
    expected = {
        "en": ("20 January 2021", "1,234,567"),
        "ru": ("20 января 2021 г.", "1\xa0234\xa0567"),
        "kk": ("2021 ж. 20 қаңтар", "1\xa0234\xa0567"),
    }
    for code, (date_text, number) in expected.items():
        with translation.override(code):
            assert formats.date_format(day, "DATE_FORMAT") == date_text
            assert intcomma(1234567) == number


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="GNU gettext (xgettext) is not installed: makemessages cannot run here",
)
def test_makemessages_would_add_nothing(tmp_path):
    """Every marked string of the code and templates is in both catalogues."""
    copy = tmp_path / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            *MAKEMESSAGES_IGNORE, ".git", "*.mo", "__pycache__", "*.sqlite3*"
        ),
    )
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    command += [f"--locale={code}" for code in LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.test"}
    subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True, timeout=300)
    for code in LANGUAGES:
        found = keys(polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po")))
        missing = sorted(found - keys(catalogue(code)), key=str)
        assert not missing, f"makemessages adds {len(missing)} to {code}: {missing[:10]}"
