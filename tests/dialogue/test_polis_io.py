"""Pol.is exports: the real folders read cleanly, bad rows become problems, and an export we
write reads back as it was."""

from __future__ import annotations

from pathlib import Path

from kokoma.dialogue.polis_io import (
    Comment,
    Vote,
    analyse_export,
    read_polis_dir,
    read_polis_export,
    write_polis_export,
)

POLIS = Path(__file__).resolve().parents[2] / "data" / "polis"
AUSTRIA = POLIS / "austria-climate.5twd2jsnkf.2022-08-08"
SCOOP = POLIS / "scoop-hivemind.freshwater"


COMMENTS = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    '1,x,0,5,0,0,1,"First, with a comma"\n'
    "2,x,1,5,0,0,0,Second\n"
)


def test_the_real_exports_read_without_problems() -> None:
    austria = read_polis_dir(AUSTRIA)
    assert austria.problems == []
    assert (len(austria.comments), len(austria.votes)) == (522, 61_936)
    assert len({v.participant_id for v in austria.votes}) == 1_116
    assert sum(1 for g in austria.groups.values() if g is not None) == 900
    assert austria.summary["topic"] == "Produktion und Konsum"
    timestamps = [v.timestamp for v in austria.votes]
    assert timestamps == sorted(timestamps)
    scoop = read_polis_dir(SCOOP)
    assert scoop.problems == [] and len(scoop.comments) == 80


def test_bad_rows_are_problems_and_good_rows_are_kept() -> None:
    votes = (
        "timestamp,datetime,comment-id,voter-id,vote\n"
        "10,x,0,1,1\n"
        "11,x,7,1,1\n"  # line 3: no statement 7
        "12,x,1,1,2\n"  # line 4: vote 2
        "13,x,1,abc,1\n"  # line 5: not a number
        "14,x,1,2,-1\n"
    )
    export = read_polis_export({"comments.csv": COMMENTS, "votes.csv": votes})
    assert [v.participant_id for v in export.votes] == [1, 2]
    assert [(p.file, p.line) for p in export.problems] == [
        ("votes.csv", 3),
        ("votes.csv", 4),
        ("votes.csv", 5),
    ]
    assert "7" in export.problems[0].message
    assert "abc" in export.problems[2].message


def test_a_missing_column_is_one_problem_for_the_file() -> None:
    votes = "timestamp,comment-id,vote\n1,0,1\n"
    export = read_polis_export({"comments.csv": COMMENTS, "votes.csv": votes})
    assert export.votes == [] and len(export.comments) == 2
    assert len(export.problems) == 1
    assert export.problems[0].file == "votes.csv" and "voter-id" in export.problems[0].message


def test_missing_files_and_undecodable_content_are_problems() -> None:
    export = read_polis_export({"votes.csv": b"\xff\xfe\x00broken"})
    assert {p.file for p in export.problems} == {"comments.csv", "votes.csv"}
    assert export.comments == [] and export.votes == []


def test_a_comment_spanning_lines_keeps_line_numbers_right() -> None:
    comments = COMMENTS + '3,x,2,5,0,0,7,"two\nlines"\n4,x,3,5,0,0,9,bad\n'
    export = read_polis_export(
        {"comments.csv": comments, "votes.csv": "timestamp,comment-id,voter-id,vote\n"}
    )
    assert [p.line for p in export.problems] == [4, 6]
    assert [c.id for c in export.comments] == [0, 1]


def test_an_export_reads_back_as_it_was_written() -> None:
    original = read_polis_dir(AUSTRIA)
    analysis = analyse_export(original)
    files = write_polis_export(
        original.comments, original.votes, analysis, summary=original.summary
    )
    assert (
        files["comments.csv"].splitlines()[0]
        == (AUSTRIA / "comments.csv").read_text().splitlines()[0]
    )
    assert files["votes.csv"].splitlines()[0] == (AUSTRIA / "votes.csv").read_text().splitlines()[0]
    header = (AUSTRIA / "participants-votes.csv").read_text().splitlines()[0]
    assert files["participants-votes.csv"].splitlines()[0] == header
    again = read_polis_export(files)
    assert again.problems == []
    assert again.comments == original.comments
    assert again.votes == original.votes
    assert again.summary == original.summary
    assert {p: again.groups[p] for p in analysis.group_of} == analysis.group_of


def test_written_counts_use_the_latest_vote() -> None:
    comments = [Comment(id=4, text="Ja", author_id=1, moderated=1, is_meta=False, created=5)]
    votes = [Vote(10, 1, 4, 1), Vote(11, 1, 4, -1), Vote(12, 2, 4, 0)]
    files = write_polis_export(comments, votes, None)
    assert files["comments.csv"].splitlines()[1].split(",")[4:7] == ["0", "1", "1"]
    rows = files["participants-votes.csv"].splitlines()
    assert rows[1] == "1,,,1,1,0,1,-1" and rows[2] == "2,,,0,1,0,0,0"
    again = read_polis_export(files)
    assert again.comments == comments and again.votes == votes
    assert again.problems == [] and again.groups == {1: None, 2: None}


def test_a_repeated_statement_and_an_unreadable_line_are_problems_on_their_lines() -> None:
    too_long = "x" * 200_000  # beyond the CSV reader's field size limit
    comments = COMMENTS + f"3,x,1,5,0,0,0,Again\n4,x,2,5,0,0,0,{too_long}\n5,x,3,5,0,0,0,Fine\n"
    export = read_polis_export(
        {"comments.csv": comments, "votes.csv": "timestamp,comment-id,voter-id,vote\n"}
    )
    assert [(p.file, p.line) for p in export.problems] == [("comments.csv", 4), ("comments.csv", 5)]
    assert [c.id for c in export.comments] == [0, 1, 3]


def test_an_unknown_participant_is_a_problem_of_its_line() -> None:
    export = read_polis_export(
        {
            "comments.csv": "comment-id,author-id,moderated,comment-body\n0,5,1,Eins.\n",
            "votes.csv": "timestamp,comment-id,voter-id,vote\n1,0,1,1\n",
            "participants-votes.csv": "participant,group-id\n1,0\n5,\n9,1\n",
        }
    )
    assert export.groups == {1: 0, 5: None}
    assert [(p.file, p.line) for p in export.problems] == [("participants-votes.csv", 4)]
    assert "9" in export.problems[0].message
