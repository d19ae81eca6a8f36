"""`manage.py import_cases`: campaigners' spreadsheets in, case pages out, all or nothing."""

import csv
import datetime
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from campaigns.management.commands.import_cases import Command as ImportCommand
from campaigns.models import CasePage

from .factories import CaseIndexPageFactory

HEADER = ["name", "slug", "status", "role", "arrest_date", "summary"]


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page)


def write_csv(path, rows, header=HEADER, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(path, *options):
    """Run the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("import_cases", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *options):
    """Run a command that must fail; return (the CommandError's message, stderr)."""
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_cases", str(path), *options, stdout=StringIO(), stderr=err)
    return str(failure.value), err.getvalue()


def add_case(index, **fields):
    """A published case with only the fields a spreadsheet row gives (no factory defaults)."""
    values = {
        "person_name": "Vladimir Kozlov",
        "title": "Vladimir Kozlov",
        "slug": "vladimir-kozlov",
        "status": "imprisoned",
        "role": "opposition-politician",
        "summary": "Leader of an opposition party.",
    }
    values.update(fields)
    page = index.add_child(instance=CasePage(**values))
    page.save_revision().publish()
    return CasePage.objects.get(pk=page.pk)


GOOD_ROWS = [
    ["Vladimir Kozlov", "", "Imprisoned", "opposition-politician", "2012-01-23", "Party leader."],
    ["Серикжан Билаш", "serikzhan-bilash", "restricted-freedom", "Civic activist", "", "Atajurt."],
]


# --- a good file ----------------------------------------------------------------


def test_a_good_file_creates_drafts(case_index, tmp_path):
    out, err = run(write_csv(tmp_path / "cases.csv", GOOD_ROWS))

    cases = {case.slug: case for case in CasePage.objects.child_of(case_index)}
    assert set(cases) == {"vladimir-kozlov", "serikzhan-bilash"}
    kozlov = cases["vladimir-kozlov"]
    assert kozlov.person_name == kozlov.title == "Vladimir Kozlov"
    assert kozlov.status == kozlov.current_status == "imprisoned"
    assert kozlov.role == "opposition-politician"
    assert kozlov.country == "KZ"
    assert kozlov.arrest_date == datetime.date(2012, 1, 23)
    assert cases["serikzhan-bilash"].person_name == "Серикжан Билаш"
    assert cases["serikzhan-bilash"].role == "activist"
    assert all(not case.live and case.latest_revision_id for case in cases.values())
    assert "Imported 2 rows: 2 created, 0 updated (saved as drafts)." in out
    assert "\rImporting [" in out and "2/2" in out
    assert err == ""


def test_publish_makes_the_pages_live(case_index, tmp_path):
    out, _err = run(write_csv(tmp_path / "cases.csv", GOOD_ROWS), "--publish")

    cases = CasePage.objects.child_of(case_index)
    assert cases.count() == 2
    assert all(case.live and not case.has_unpublished_changes for case in cases)
    assert "Imported 2 rows: 2 created, 0 updated (published)." in out


def test_every_column_and_the_forms_it_accepts(case_index, tmp_path):
    header = [
        "Name",
        "slug",
        "Status",
        "country",
        "region",
        "role",
        "Arrest date",
        "sentence_date",
        "release_date",
        "expected_release_date",
        "sentence",
        "place_of_detention",
        "postal_address",
        "letters_reach_them",
        "summary",
        "last_verified",
    ]
    row = [
        " Mukhtar Ablyazov ",
        "mukhtar-ablyazov",
        "IN EXILE",
        "fr",
        "Paris",
        "Opposition politician",
        "01.08.2013",
        "2018-06-27",
        "",
        "2030-01-01",
        "Life imprisonment in absentia",
        "",
        "Line one\nLine two",
        "Yes",
        "Banker and opposition leader.",
        "2024-05-01",
    ]
    path = tmp_path / "cases.csv"
    # Excel's "CSV UTF-8" starts with a byte order mark.
    write_csv(path, [row], header=header, encoding="utf-8-sig")
    run(path)

    case = CasePage.objects.get(slug="mukhtar-ablyazov")
    assert case.person_name == "Mukhtar Ablyazov"
    assert case.status == "in-exile"
    assert case.country == "FR"
    assert case.role == "opposition-politician"
    assert case.arrest_date == datetime.date(2013, 8, 1)
    assert case.sentence_date == datetime.date(2018, 6, 27)
    assert case.release_date is None
    assert case.expected_release_date == datetime.date(2030, 1, 1)
    assert case.postal_address == "Line one\nLine two"
    assert case.letters_reach_them is True
    assert case.last_verified == datetime.date(2024, 5, 1)


def test_semicolon_separated_files_are_read(case_index, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("name;status;summary\nAsel Kurmanova;released;A journalist.\n")
    run(path)
    assert CasePage.objects.get(slug="asel-kurmanova").status == "released"


# --- updating -------------------------------------------------------------------


def test_a_row_with_an_existing_slug_updates_that_case(case_index, tmp_path):
    kozlov = add_case(case_index, region="Almaty", arrest_date=datetime.date(2012, 1, 23))
    rows = [
        ["Vladimir Kozlov", "vladimir-kozlov", "released", "", "2012-01-23", "Released in 2016."],
        ["New Person", "", "imprisoned", "", "", "Someone new."],
    ]
    out, _err = run(write_csv(tmp_path / "cases.csv", rows))

    assert "Imported 2 rows: 1 created, 1 updated (saved as drafts)." in out
    assert CasePage.objects.child_of(case_index).count() == 2
    kozlov.refresh_from_db()
    # Still live as it was; the change waits in a draft revision.
    assert kozlov.live and kozlov.has_unpublished_changes
    assert kozlov.status == "imprisoned"
    draft = kozlov.get_latest_revision_as_object()
    assert draft.status == "released"
    assert draft.summary == "Released in 2016."
    assert draft.role == "other"  # an empty cell means the default
    assert draft.region == "Almaty"  # a column not in the file is left alone


def test_updating_with_publish_changes_the_live_page(case_index, tmp_path):
    kozlov = add_case(case_index)
    rows = [["Vladimir Kozlov", "vladimir-kozlov", "released", "", "", "Released in 2016."]]
    out, _err = run(write_csv(tmp_path / "cases.csv", rows), "--publish")

    kozlov.refresh_from_db()
    assert kozlov.live and not kozlov.has_unpublished_changes
    assert kozlov.status == kozlov.current_status == "released"
    assert "1 updated (published)" in out


def test_an_update_starts_from_the_latest_draft_so_its_edits_are_kept(case_index, tmp_path):
    kozlov = add_case(case_index, region="Almaty")
    kozlov.region = "Petropavlovsk"  # an editor's unpublished change
    kozlov.save_revision()
    rows = [["Vladimir Kozlov", "vladimir-kozlov", "released", "", "", "Released in 2016."]]
    run(write_csv(tmp_path / "cases.csv", rows), "--publish")

    kozlov.refresh_from_db()
    assert kozlov.status == "released"
    assert kozlov.region == "Petropavlovsk"


def test_updating_a_never_published_case_updates_its_page_row(case_index, tmp_path):
    draft = case_index.add_child(
        instance=CasePage(
            title="Draft Person",
            person_name="Draft Person",
            slug="draft-person",
            status="imprisoned",
            role="other",
            summary="Not yet out.",
            live=False,
        )
    )
    draft.save_revision()
    rows = [["Draft Person", "draft-person", "released", "", "", "Released."]]
    run(write_csv(tmp_path / "cases.csv", rows))

    draft.refresh_from_db()
    assert not draft.live
    assert draft.status == "released" and draft.summary == "Released."
    assert draft.get_latest_revision_as_object().status == "released"


# --- errors: all of them, and nothing changed ------------------------------------


def test_a_file_with_errors_changes_nothing_and_lists_every_error(case_index, tmp_path):
    kozlov = add_case(case_index)
    revisions = Revision.objects.count()
    rows = [
        ["Vladimir Kozlov", "vladimir-kozlov", "released", "", "", "Would update."],  # row 2
        ["Good Person", "", "imprisoned", "", "2019-03-10", "Fine on its own."],  # row 3
        ["Bad Status", "", "jailed", "", "", "Unknown status."],  # row 4
        ["Bad Date", "", "imprisoned", "", "2019-13-45", "Impossible date."],  # row 5
        ["", "nameless", "imprisoned", "", "", "No name."],  # row 6
        ["Copy", "good-person", "imprisoned", "", "", "Same slug as row 3."],  # row 7
        ["US Date", "", "imprisoned", "", "10/08/2012", "Ambiguous date."],  # row 8
        ["Words", "", "imprisoned", "", "yesterday", "Not a date."],  # row 9
        ["Long", "", "imprisoned", "", "", "x" * 801],  # row 10
    ]
    header = HEADER + ["release_date"]
    rows = [row + [""] for row in rows]
    rows.append(["Early", "", "released", "", "2019-03-10", "Released first.", "2018-01-01"])
    rows.append(["Future", "", "imprisoned", "", "2999-01-01", "Arrested later.", ""])
    path = write_csv(tmp_path / "cases.csv", rows, header=header)

    message, err = run_failing(path)

    assert message == "9 errors in 9 rows; nothing was imported."
    lines = err.splitlines()
    assert lines == [
        "row 4, status: “jailed” is not one of: pre-trial-detention, imprisoned, house-arrest, "
        "restricted-freedom, released, in-exile, convicted-in-absentia, deceased.",
        "row 5, arrest_date: “2019-13-45” is not a real date.",
        "row 6, name: This field is required.",
        "row 7, slug: “good-person” is also the slug of row 3: each case needs its own.",
        "row 8, arrest_date: “10/08/2012” could mean two different days. "
        "Enter a date as YYYY-MM-DD, e.g. 2019-03-10.",
        "row 9, arrest_date: Enter a date as YYYY-MM-DD, e.g. 2019-03-10.",
        "row 10, summary: Ensure this value has at most 800 characters (it has 801).",
        "row 11, release_date: This date is before the arrest (10 Mar 2019).",
        "row 12, arrest_date: This date is in the future.",
    ]
    assert CasePage.objects.child_of(case_index).count() == 1
    assert Revision.objects.count() == revisions
    kozlov.refresh_from_db()
    assert kozlov.status == "imprisoned" and not kozlov.has_unpublished_changes


def test_several_errors_in_one_row_are_all_listed(case_index, tmp_path):
    rows = [["", "Not A Slug", "jailed", "spy", "tomorrow", ""]]
    message, err = run_failing(write_csv(tmp_path / "cases.csv", rows))

    assert message == "6 errors in 1 row; nothing was imported."
    assert err.splitlines() == [
        "row 2, name: This field is required.",
        "row 2, status: “jailed” is not one of: pre-trial-detention, imprisoned, house-arrest, "
        "restricted-freedom, released, in-exile, convicted-in-absentia, deceased.",
        "row 2, role: “spy” is not one of: journalist, blogger, activist, "
        "human-rights-defender, opposition-politician, trade-unionist, religious-believer, "
        "lawyer, other.",
        "row 2, arrest_date: Enter a date as YYYY-MM-DD, e.g. 2019-03-10.",
        "row 2, summary: This field is required.",
        "row 2, slug: Enter a valid “slug” consisting of Unicode letters, numbers, "
        "underscores, or hyphens.",
    ]


def test_row_numbers_are_the_spreadsheets_even_with_blank_lines_and_multiline_cells(
    case_index, tmp_path
):
    path = tmp_path / "cases.csv"
    path.write_text(
        "name,status,summary,letters_reach_them\n"
        'A,imprisoned,"two\nlines",yes\n'  # row 2, over two lines of text
        ",,,\n"  # row 3, empty: skipped
        "B,imprisoned,fine,maybe\n"  # row 4
    )
    _message, err = run_failing(path)
    assert err.splitlines() == [
        "row 4, letters_reach_them: Enter true or false (yes/no and 1/0 work too)."
    ]


def test_a_value_under_a_column_without_a_header_is_an_error(case_index, tmp_path):
    path = tmp_path / "cases.csv"
    # Spreadsheets often save empty trailing columns: they are fine while they stay empty.
    path.write_text("name,status,summary,,\nA,imprisoned,x,,\nB,imprisoned,y,,stray\n")
    message, err = run_failing(path)
    assert err.splitlines() == ["row 3: cell 5 has a value but its column has no header."]
    assert message == "1 error in 1 row; nothing was imported."


def test_no_case_index_is_one_clear_error(home_page, tmp_path):
    message, _err = run_failing(write_csv(tmp_path / "cases.csv", GOOD_ROWS))
    assert message.startswith("There is no case index page")
    assert "\n" not in message


def test_a_missing_file_is_one_clear_error(case_index, tmp_path):
    message, _err = run_failing(tmp_path / "nowhere.csv")
    assert message == f"There is no file {tmp_path / 'nowhere.csv'}."


def test_an_empty_file_is_one_clear_error(case_index, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    message, _err = run_failing(path)
    assert message == f"{path} is empty: it needs a header row and one row per case."


def test_a_header_without_rows_is_one_clear_error(case_index, tmp_path):
    path = write_csv(tmp_path / "header.csv", [])
    message, _err = run_failing(path)
    assert message == f"{path} has a header but no cases: add one row per case below it."


def test_an_unknown_column_is_one_clear_error(case_index, tmp_path):
    path = write_csv(
        tmp_path / "cases.csv",
        [["A", "imprisoned", "x", "y"]],
        header=["name", "status", "summary", "charges"],
    )
    message, _err = run_failing(path)
    assert message.startswith("Unknown column “charges”. The columns are: name, slug, status,")
    assert "\n" not in message
    assert not CasePage.objects.exists()


def test_a_missing_required_column_is_one_clear_error(case_index, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [["A", "x"]], header=["name", "summary"])
    message, _err = run_failing(path)
    assert message == "The header has no “status” column, which is required."


def test_a_file_that_is_not_utf8_is_one_clear_error(case_index, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes("name,status,summary\nСерикжан,imprisoned,x\n".encode("cp1251"))
    message, _err = run_failing(path)
    assert "is not UTF-8 text" in message


# --- dry run --------------------------------------------------------------------


def test_a_dry_run_reports_and_changes_nothing(case_index, tmp_path):
    add_case(case_index)
    revisions = Revision.objects.count()
    rows = [
        ["Vladimir Kozlov", "vladimir-kozlov", "released", "", "", "Would update."],
        ["New Person", "", "imprisoned", "", "", "Would be created."],
    ]
    out, _err = run(write_csv(tmp_path / "cases.csv", rows), "--dry-run", "--publish")

    assert "row 2: would update “vladimir-kozlov”" in out
    assert "row 3: would create “new-person”" in out
    assert "1 would be created, 1 updated. Nothing was changed." in out
    assert "Importing" not in out
    assert CasePage.objects.child_of(case_index).count() == 1
    assert Revision.objects.count() == revisions
    assert CasePage.objects.get().status == "imprisoned"


def test_a_dry_run_of_a_bad_file_fails_like_the_real_thing(case_index, tmp_path):
    rows = [["A", "", "jailed", "", "", "x"]]
    message, err = run_failing(write_csv(tmp_path / "cases.csv", rows), "--dry-run")
    assert message == "1 error in 1 row; nothing was imported."
    assert "row 2, status:" in err


# --- text is text ---------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_html_is_stored_verbatim_as_text(case_index, tmp_path):
    rows = [["Eve <b>Bold</b>", "eve", "imprisoned", "", "", f"Summary {SCRIPT} & more"]]
    run(write_csv(tmp_path / "cases.csv", rows), "--publish")
    case = CasePage.objects.get(slug="eve")
    assert case.person_name == "Eve <b>Bold</b>"
    assert case.summary == f"Summary {SCRIPT} & more"


def test_html_in_imported_text_is_escaped_on_the_case_page(case_index, tmp_path, client):
    rows = [["Eve", "eve", "imprisoned", "", "", f"Summary {SCRIPT}"]]
    run(write_csv(tmp_path / "cases.csv", rows), "--publish")

    response = client.get("/cases/eve/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- scale ----------------------------------------------------------------------


def test_a_thousand_rows_import_in_reasonable_time(case_index, tmp_path):
    rows = [
        [f"Person {n:04d}", "", "imprisoned", "journalist", "2019-03-10", f"Case number {n}."]
        for n in range(1000)
    ]
    path = write_csv(tmp_path / "cases.csv", rows)

    started = time.monotonic()
    out, _err = run(path)
    elapsed = time.monotonic() - started

    assert CasePage.objects.child_of(case_index).count() == 1000
    assert "Imported 1000 rows: 1000 created, 0 updated (saved as drafts)." in out
    assert "1000/1000" in out
    # The bar redraws as it grows, not once per row.
    assert out.count("\rImporting") <= 32
    # Not a benchmark (45 ms a row on SQLite, 85 ms on PostgreSQL on two busy cores: Wagtail
    # saves each page two or three times): a guard against per-row work growing with the file.
    assert elapsed < 180, f"1,000 rows took {elapsed:.0f} s"


def test_the_help_lists_the_columns():
    text = ImportCommand().create_parser("manage.py", "import_cases").format_help()
    assert "Columns: name, slug, status," in text
    assert "--dry-run" in text and "--publish" in text
