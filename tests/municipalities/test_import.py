"""Import of the municipality register: whole-file checks, line-level errors, the command."""

import csv
import io
import re
import string
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kokoma.municipalities.models import Land, RegisterEntry
from kokoma.municipalities.register_import import (
    ImportReport,
    RegisterFormatError,
    import_register,
    parse_row,
)
from tests.conftest import register_slice

HEADER = [
    "ags",
    "ars",
    "name",
    "land_code",
    "bundesland",
    "kreis_ags",
    "kreis_name",
    "textkennzeichen",
    "flaeche_km2",
    "bevoelkerung",
    "plz",
    "lon",
    "lat",
    "verstaedterung",
]


def row(ags: str = "09900001", **values: str) -> dict[str, str | None]:
    """A good register row for a made-up municipality in Bayern; override any column."""
    base: dict[str, str | None] = {
        "ags": ags,
        "ars": f"{ags[:5]}0000{ags[5:]}",
        "name": f"Testdorf {ags}",
        "land_code": ags[:2],
        "bundesland": Land(ags[:2]).label if ags[:2] in Land.values else "Bayern",
        "kreis_ags": ags[:5],
        "kreis_name": "Landkreis Test",
        "textkennzeichen": "60",
        "flaeche_km2": "12.34",
        "bevoelkerung": "1234",
        "plz": "99999",
        "lon": "11.5",
        "lat": "48.1",
        "verstaedterung": "gering besiedelt",
    }
    base.update(values)
    return base


def csv_text(*rows: dict[str, str | None] | list[str | None], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for item in rows:
        writer.writerow(item if isinstance(item, list) else [item[column] for column in header])
    return out.getvalue()


def run_import(text: str) -> ImportReport:
    return import_register(io.StringIO(text))


def error_lines(report: ImportReport) -> list[int]:
    return [error.line for error in report.errors]


# The whole file


@pytest.mark.slow
@pytest.mark.django_db
def test_the_shipped_register_imports_completely_without_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "import_municipalities",
        str(settings.KOKOMA_REGISTER_FILE),
        "--no-progress",
        stdout=stdout,
        stderr=stderr,
    )
    assert stderr.getvalue() == ""
    assert "0 lines rejected" in stdout.getvalue()
    assert RegisterEntry.objects.count() == 11004
    assert RegisterEntry.objects.get(ags="11000000").name == "Berlin, Stadt"


@pytest.mark.django_db
def test_reimporting_the_same_rows_changes_nothing() -> None:
    before = RegisterEntry.objects.count()
    report = run_import(register_slice())
    assert report.errors == []
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == before
    assert RegisterEntry.objects.count() == before


@pytest.mark.django_db
def test_importing_twice_creates_each_municipality_once() -> None:
    text = csv_text(row("09900001"), row("09900002"))
    first = run_import(text)
    second = run_import(text)
    assert (first.created, first.unchanged) == (2, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert RegisterEntry.objects.filter(ags__startswith="099000").count() == 2


@pytest.mark.django_db
def test_a_changed_population_counts_as_updated() -> None:
    run_import(csv_text(row("09900001"), row("09900002")))
    report = run_import(csv_text(row("09900001", bevoelkerung="5000"), row("09900002")))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert RegisterEntry.objects.get(ags="09900001").population == 5000


# Bad lines: reported with their line number, good lines kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param([*row("09900003").values(), "surplus"], id="one column too many"),
        pytest.param(list(row("09900003").values())[:-1], id="one column too few"),
        pytest.param(["09900003", "Kurzdorf"], id="only two columns"),
        pytest.param(row("17000003", land_code="17", bundesland="Bayern"), id="Land code 17"),
        pytest.param(row("09900003", bundesland="Bavaria"), id="wrong Land name"),
        pytest.param(row("09900003", land_code="01"), id="Land does not match its name"),
        pytest.param(row("09900003", bevoelkerung="viele"), id="population not a number"),
        pytest.param(row("09900003", bevoelkerung="-5"), id="negative population"),
        pytest.param(row("0990003"), id="AGS with 7 digits"),
        pytest.param(row("09900003", name=""), id="name missing"),
        pytest.param(row("09900003", flaeche_km2="gross"), id="area not a number"),
        pytest.param(row("09900003", flaeche_km2="NaN"), id="area NaN"),
        pytest.param(row("09900003", flaeche_km2="Infinity"), id="area infinite"),
        pytest.param(row("09900003", flaeche_km2="123456789.5"), id="area too large for column"),
        pytest.param(row("09900003", lon="nan"), id="longitude NaN"),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_the_good_lines_are_kept(
    bad: dict[str, str | None] | list[str | None],
) -> None:
    text = csv_text(row("09900001"), bad, row("09900002"))
    report = run_import(text)
    assert error_lines(report) == [3]
    assert report.created == 2
    assert set(
        RegisterEntry.objects.filter(ags__startswith="0990").values_list("ags", flat=True)
    ) == {
        "09900001",
        "09900002",
    }


@pytest.mark.django_db
def test_an_unknown_land_is_named_in_the_error() -> None:
    report = run_import(csv_text(row("17000003", land_code="17", bundesland="Nordland")))
    assert "17" in report.errors[0].message
    assert "Nordland" in report.errors[0].message


@pytest.mark.django_db
def test_a_duplicate_ags_is_reported_on_its_second_line_and_the_first_is_kept() -> None:
    text = csv_text(row("09900001"), row("09900002"), row("09900001", name="Doppelt"))
    report = run_import(text)
    assert error_lines(report) == [4]
    assert "09900001" in report.errors[0].message
    assert re.search(r"\b2\b", report.errors[0].message)  # where it was first seen
    assert RegisterEntry.objects.get(ags="09900001").name == "Testdorf 09900001"


@pytest.mark.django_db
def test_line_numbers_count_physical_lines_after_a_quoted_line_break() -> None:
    text = csv_text(row("09900001", kreis_name="Landkreis\nmit Umbruch"), row("0990002"))
    report = run_import(text)
    assert error_lines(report) == [4]


@pytest.mark.django_db
def test_several_bad_lines_are_all_reported() -> None:
    text = csv_text(row("0990001"), row("09900002"), row("09900003", bevoelkerung="x"))
    report = run_import(text)
    assert error_lines(report) == [2, 4]
    assert report.created == 1


@pytest.mark.django_db
def test_a_file_without_required_columns_is_refused_as_a_whole() -> None:
    header = [column for column in HEADER if column not in {"land_code", "kreis_name"}]
    values = row("09900001")
    text = csv_text([values[column] for column in header], header=header)
    with pytest.raises(RegisterFormatError, match="land_code, kreis_name"):
        run_import(text)
    assert not RegisterEntry.objects.filter(ags="09900001").exists()


@pytest.mark.django_db
def test_optional_columns_may_be_left_out_of_the_file() -> None:
    header = ["ags", "name", "land_code", "bundesland", "kreis_ags", "kreis_name"]
    values = row("09900001")
    report = run_import(csv_text([values[column] for column in header], header=header))
    assert report.errors == []
    entry = RegisterEntry.objects.get(ags="09900001")
    assert entry.population is None
    assert entry.area_km2 is None


@pytest.mark.django_db
def test_a_single_digit_land_code_is_read_with_its_leading_zero() -> None:
    report = run_import(csv_text(row("09900001", land_code="9")))
    assert report.errors == []
    assert RegisterEntry.objects.get(ags="09900001").land == Land.BY


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_as_a_whole() -> None:
    raw = csv_text(row("09900001"), row("09900002", name="Höhenkirchen")).encode("latin-1")
    with pytest.raises(RegisterFormatError, match="UTF-8"):
        import_register(io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert not RegisterEntry.objects.filter(ags__startswith="0990000").exists()


# Properties of a single row


AGS_DIGITS = st.text(alphabet=string.digits, min_size=6, max_size=6)


@hypothesis_settings(max_examples=50, database=None, deadline=None)
@given(
    land=st.sampled_from(Land.values),
    rest=AGS_DIGITS,
    name=st.text(min_size=1).filter(str.strip),
)
def test_any_eight_digit_ags_with_its_lands_prefix_and_a_name_is_accepted(
    land: str, rest: str, name: str
) -> None:
    values = parse_row(row(land + rest, name=name, bundesland=Land(land).label))
    assert values["ags"] == land + rest
    assert values["land"] == land
    assert values["name"] == name.strip()


@hypothesis_settings(max_examples=50, database=None, deadline=None)
@given(ags=st.text().filter(lambda text: not re.fullmatch(r"[0-9]{8}", text.strip())))
def test_anything_but_eight_digits_is_rejected_as_ags(ags: str) -> None:
    with pytest.raises(ValueError):
        parse_row({**row("09900001"), "ags": ags})


@hypothesis_settings(max_examples=50, database=None, deadline=None)
@given(
    ags=st.one_of(
        st.text(alphabet=string.digits, min_size=0, max_size=7),
        st.text(alphabet=string.digits, min_size=9, max_size=12),
    )
)
def test_digit_strings_of_another_length_are_rejected_as_ags(ags: str) -> None:
    with pytest.raises(ValueError, match="AGS"):
        parse_row({**row("09900001"), "ags": ags})


@hypothesis_settings(max_examples=50, database=None, deadline=None)
@given(
    rest=st.text(alphabet=st.characters(categories=["Nd"]), min_size=6, max_size=6).filter(
        lambda text: not text.isascii()
    )
)
def test_digits_of_other_scripts_are_rejected_as_ags(rest: str) -> None:
    with pytest.raises(ValueError, match="AGS"):
        parse_row({**row("09900001"), "ags": "09" + rest})


def test_an_ags_from_another_land_is_rejected() -> None:
    with pytest.raises(ValueError, match="09900001"):
        parse_row(row("09900001", land_code="08", bundesland="Baden-Württemberg"))


# The management command


@pytest.mark.django_db
def test_the_command_reports_rejected_lines_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(csv_text(row("09900001"), row("0990002")), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_municipalities", str(path), "--no-progress", stdout=stdout, stderr=stderr)
    assert "3" in stderr.getvalue().splitlines()[0]
    assert "1 created, 0 updated, 0 unchanged, 1 lines rejected" in stderr.getvalue()
    assert RegisterEntry.objects.filter(ags="09900001").exists()


@pytest.mark.django_db
def test_the_command_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(csv_text(row("09900001", name="Höhenkirchen")).encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_municipalities", str(path), "--no-progress")
    assert not RegisterEntry.objects.filter(ags="09900001").exists()


@pytest.mark.django_db
def test_the_command_refuses_a_file_without_required_columns(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text("ags,name\n09900001,Testdorf\n", encoding="utf-8")
    with pytest.raises(CommandError, match="land_code"):
        call_command("import_municipalities", str(path), "--no-progress")


def test_the_command_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_municipalities", str(tmp_path / "missing.csv"), "--no-progress")
