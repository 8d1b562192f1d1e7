"""Hostile and broken workbooks through every reading command (validate, export json/docx, fill,
validate --write-back): exit code 2 with the file named, a Hungarian reason, no traceback, no Rust
panic text, the file unchanged; bombs refused before the work with bounded memory and time.

Each workbook is the real sample workbook (the writer's output) with one part changed the way a
damaged download, another program or an attacker would change it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hep_xl.cli import main
from hep_xl.sample.exports.make_exports import export_paths
from hep_xl.workbook import SHEETS

from .hostile import INDICATORS_TABLE_REF, LEAKS, demo_workbook, indicators_last_column, rezip, run_cli, sheet_part, sub

SETTLEMENT = sheet_part(SHEETS.settlement)
INDICATORS_TABLE = "xl/tables/table1.xml"  # Mutatok (the first sheet with a table)
GUIDE = sheet_part(SHEETS.instructions)  # Útmutató: the reader never loads it, the editor would
LAST = indicators_last_column()
SHARED = "xl/sharedStrings.xml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_workbook(tmp_path_factory.mktemp("demo") / "peldafalva.xlsx")


def _table_ref(ref: str):
    return {INDICATORS_TABLE: sub(INDICATORS_TABLE_REF, f'ref="{ref}"'.encode(), count=2)}


def _with_shared_string(index: int, text: bytes):
    def edit(data: bytes) -> bytes:
        head, *items = data.split(b"<si>")
        items[index] = b"<t>" + text + b"</t></si>" + (b"</sst>" if index == len(items) - 1 else b"")
        return b"<si>".join([head, *items])
    return edit


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: legacy .xls, or an encrypted workbook


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


UNREADABLE = {
    # Excel tables whose reference python-calamine panics on, or would allocate 137 GB for
    "table_one_cell": lambda demo, p: rezip(demo, p, _table_ref("A1:A1")),
    "table_reversed": lambda demo, p: rezip(demo, p, _table_ref("P105:A4")),
    "table_absurd": lambda demo, p: rezip(demo, p, _table_ref("A4:XFD1048576")),
    "table_garbage_ref": lambda demo, p: rezip(demo, p, _table_ref("hello")),
    # a date cell no date can be made of (a chrono panic in the native reader)
    "date_minus_1e308": lambda demo, p: rezip(demo, p, {SETTLEMENT: sub(rb"<v>45714</v>", b"<v>-1e308</v>")}),
    # a sheet whose used range is a whole Excel sheet: two cells, 17 billion in between
    "dense_range": lambda demo, p: rezip(demo, p, {SETTLEMENT: sub(
        rb"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')}),
    "cell_without_reference_far_away": lambda demo, p: rezip(demo, p, {SETTLEMENT: sub(
        rb"</sheetData>", b'<row r="1048576">' + b"<c><v>1</v></c>" * 2000 + b"</row></sheetData>")}),
    "bad_cell_reference": lambda demo, p: rezip(demo, p, {SETTLEMENT: sub(rb'r="B4"', b'r="4B"')}),
    "doctype_in_sheet": lambda demo, p: rezip(demo, p, {SETTLEMENT: sub(
        rb"<worksheet ", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet ')}),
    "missing_shared_strings": lambda demo, p: rezip(demo, p, drop=(SHARED,)),
    "unknown_xml_encoding": lambda demo, p: rezip(demo, p, {sheet_part(SHEETS.indicators).replace(
        "worksheets/", "worksheets/_rels/") + ".rels": sub(
        rb'encoding="UTF-8"', b'encoding="yes"')}),
    "missing_workbook_part": lambda demo, p: rezip(demo, p, drop=("xl/workbook.xml",)),
    "broken_xml_in_workbook": lambda demo, p: rezip(demo, p, {"xl/workbook.xml": lambda b: b[: len(b) // 2]}),
    "truncated_file": lambda demo, p: _write(p, demo.read_bytes()[: demo.stat().st_size // 2]),
    "corrupt_deflate_stream": lambda demo, p: _corrupt_member(demo, p, SETTLEMENT),
    "empty_file": lambda demo, p: _write(p, b""),
    "not_a_zip": lambda demo, p: _write(p, b"ez egy sima szoveg, nem munkafuzet\n" * 20),
    "legacy_xls": lambda demo, p: _write(p, OLE + b"\0" * 4000),
    "password_protected": lambda demo, p: _write(p, OLE + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
                                                 + b"\0" * 500),
}
HUNGARIAN_REASON = {
    "table_one_cell": "táblázat", "table_reversed": "fordított tartomány", "table_absurd": "táblázat",
    "table_garbage_ref": "hibás táblázathivatkozás", "date_minus_1e308": "Településadatok!B10",
    "dense_range": "1 048 576 sor", "cell_without_reference_far_away": "legfeljebb 500 000 cella",
    "bad_cell_reference": "cellahivatkozás", "doctype_in_sheet": "", "missing_shared_strings": "",
    "unknown_xml_encoding": "karakterkódolás",
    "missing_workbook_part": "hiányzik", "broken_xml_in_workbook": "nem érvényes XML",
    "truncated_file": "", "corrupt_deflate_stream": "sérült", "empty_file": "üres fájl",
    "not_a_zip": "nem ZIP-csomag", "legacy_xls": "régi .xls", "password_protected": "jelszóval védett",
}
ENGLISH = ("invalid", "Could not", "password protected", "Workbook is", "No such", "error", "failed")


def _corrupt_member(src: Path, dst: Path, name: str) -> Path:
    """Flip bytes inside the compressed data of one member (its header and CRC stay as they were)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 400), 7):
        data[i] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


COMMANDS = {
    "validate": lambda wb, tmp: ["validate", str(wb)],
    "export_json": lambda wb, tmp: ["export", "json", str(wb), "-o", str(tmp / "ki.json")],
    "export_docx": lambda wb, tmp: ["export", "docx", str(wb), "-o", str(tmp / "ki.docx")],
    "fill": lambda wb, tmp: ["fill", str(wb), *map(str, export_paths())],
    "write_back": lambda wb, tmp: ["validate", "--write-back", str(wb)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_workbook_exits_2_naming_the_file(case, command, demo, tmp_path, capfd):
    wb = UNREADABLE[case](demo, tmp_path / f"{case}.xlsx")
    before = wb.read_bytes()
    code = main(COMMANDS[command](wb, tmp_path))
    out, err = capfd.readouterr()  # file-descriptor level: a Rust panic writes there itself
    assert code == 2, (out, err)
    assert f"{wb}:" in err, err
    assert HUNGARIAN_REASON[case] in err, err
    for leak in LEAKS:
        assert leak not in err and leak not in out, err
    assert not any(word in err for word in ENGLISH), err
    assert wb.read_bytes() == before  # the source is never changed
    assert not (tmp_path / "ki.json").exists() and not (tmp_path / "ki.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [wb.name]  # no temporary files left


def test_header_only_table_is_read_as_an_empty_table(demo, tmp_path, capfd):
    """A table with a header row and no data row (the reference python-calamine panics on) is a
    readable, empty table: the validator reports the missing indicators, nothing crashes."""
    wb = rezip(demo, tmp_path / "fejlec.xlsx", _table_ref(f"A4:{LAST}4"))
    assert main(["validate", str(wb)]) == 1
    out, err = capfd.readouterr()
    assert "IND-001" in out and not any(leak in out + err for leak in LEAKS)
    assert main(["export", "json", str(wb), "-o", str(tmp_path / "ki.json")]) == 0
    capfd.readouterr()


def test_a_table_column_renamed_away_reads_as_blank(demo, tmp_path, capfd):
    """The problems table without its "Azonosító" header (found by the fuzz test: a TypeError)."""
    wb = rezip(demo, tmp_path / "oszlop.xlsx", {"xl/tables/table3.xml": sub('name="Azonosító"'.encode(), b'name="1"')})
    assert main(["validate", str(wb)]) == 1
    out, err = capfd.readouterr()
    assert "PRB-001" in out and not any(leak in out + err for leak in LEAKS)


def test_table_reference_far_beyond_the_data_reads_only_the_data(demo, tmp_path, capfd):
    wb = rezip(demo, tmp_path / "hosszu.xlsx", _table_ref(f"A4:{LAST}1048576"))
    run = run_cli("validate", wb)
    run.assert_clean()
    assert run.code == 0 and run.peak_mb < 500 and run.seconds < 30


# -- bombs: refused before the work, memory measured in the child process ----------------------------

def _stream_member(zo: zipfile.ZipFile, name: str, chunks) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zo.open(info, "w", force_zip64=True) as fh:
        for chunk in chunks:
            fh.write(chunk)


def _rebuild(src: Path, dst: Path, replace: dict[str, object]) -> Path:
    """Copy ``src`` with members replaced by generated content (bytes, or an iterable of chunks)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zo:
        for info in zi.infolist():
            if info.filename in replace:
                content = replace[info.filename]
                _stream_member(zo, info.filename, [content] if isinstance(content, bytes) else content)
            else:
                zo.writestr(info.filename, zi.read(info))
    return dst


def _assert_refused_cheaply(run, wb, reason: str) -> None:
    run.assert_clean()
    assert run.code == 2 and f"{wb}:" in run.err and reason in run.err, run.err
    assert run.peak_mb < 500, f"peak RSS {run.peak_mb:.0f} MB"
    assert run.seconds < 30


def test_shared_string_bomb_is_refused_with_bounded_memory(demo, tmp_path):
    """A workbook of a few hundred KB whose settlement name is one 300 MB shared string."""
    with zipfile.ZipFile(demo) as zf:
        shared = zf.read(SHARED)
    head, *items = shared.split(b"<si>")
    name_index = 60  # the settlement name (Településadatok!B4)
    before, after = b"<si>".join([head, *items[:name_index]]) + b"<si><t>", b"</t></si><si>" + b"<si>".join(
        items[name_index + 1:])
    chunk = b"A" * (1 << 20)
    wb = _rebuild(demo, tmp_path / "bomba.xlsx", {SHARED: [before, *([chunk] * 300), after]})
    assert wb.stat().st_size < 2_000_000
    for args in (["validate", wb], ["export", "json", wb, "-o", tmp_path / "ki.json"],
                 ["fill", wb, *export_paths()], ["convert", wb, "--out", tmp_path / "ki", "--to", "json"]):
        run = run_cli(*args)
        if args[0] == "convert":
            run.assert_clean()
            assert run.code == 1 and "sharedStrings.xml" in run.out and run.peak_mb < 500
        else:
            _assert_refused_cheaply(run, wb, "sharedStrings.xml")


def test_long_shared_string_named_by_a_hundred_thousand_cells_is_refused(demo, tmp_path):
    """Within every per-part limit, but each of 100 000 cells would get its own copy of a 900 KB
    string (90 GB in the native reader)."""
    with zipfile.ZipFile(demo) as zf:
        sheet = zf.read(SETTLEMENT)
    rows = b"".join(b'<row r="%d"><c r="C%d" t="s"><v>60</v></c></row>' % (r, r) for r in range(20, 100_020))
    wb = rezip(demo, tmp_path / "ismetlo.xlsx", {
        SHARED: _with_shared_string(60, b"x" * 900_000),
        SETTLEMENT: lambda b: sheet.replace(b"</sheetData>", rows + b"</sheetData>")})
    run = run_cli("validate", wb)
    _assert_refused_cheaply(run, wb, "szöveges cellái együtt")


def test_ten_million_cell_sheet_is_refused_before_reading(demo, tmp_path):
    """An extra sheet of 10 million cells: the write-back would spend minutes and gigabytes in openpyxl."""
    guide = GUIDE

    def cells():
        yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/' \
              b'spreadsheetml/2006/main"><sheetData>'
        for r0 in range(1, 1_000_001, 10_000):
            yield b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c><c r="C%d"><v>3</v></c>'
                           b'<c r="D%d"><v>4</v></c><c r="E%d"><v>5</v></c><c r="F%d"><v>6</v></c>'
                           b'<c r="G%d"><v>7</v></c><c r="H%d"><v>8</v></c><c r="I%d"><v>9</v></c>'
                           b'<c r="J%d"><v>0</v></c></row>' % ((r,) * 11) for r in range(r0, r0 + 10_000))
        yield b"</sheetData></worksheet>"

    wb = _rebuild(demo, tmp_path / "tizmillio.xlsx", {guide: cells()})
    before = wb.read_bytes()
    for args in (["validate", "--write-back", wb], ["fill", wb, *export_paths()], ["validate", wb]):
        _assert_refused_cheaply(run_cli(*args), wb, guide.rsplit("/", 1)[1])
    assert wb.read_bytes() == before


def test_sheet_over_the_cell_limit_is_refused_by_the_editor(demo, tmp_path):
    """1.2 million real cells in a sheet the reader does not need (under the part-size limit):
    reading works, editing with openpyxl is refused before it loads anything."""
    guide = GUIDE
    rows = (b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c><c r="C%d"><v>3</v></c>'
                     b'<c r="D%d"><v>4</v></c></row>' % ((r,) * 5) for r in range(r0, r0 + 10_000))
            for r0 in range(1, 300_001, 10_000))
    wb = _rebuild(demo, tmp_path / "sok.xlsx", {guide: [
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>', *rows, b"</sheetData></worksheet>"]})
    before = wb.read_bytes()
    run = run_cli("validate", wb)
    run.assert_clean()
    assert run.code == 0
    run = run_cli("validate", "--write-back", wb)
    _assert_refused_cheaply(run, wb, "Útmutató")
    assert wb.read_bytes() == before


def test_part_that_lies_about_its_size_is_refused(demo, tmp_path):
    """A shared-strings part whose headers declare 1 000 bytes but that inflates to 70 MB."""
    import struct

    wb = rezip(demo, tmp_path / "hazug.xlsx", {SHARED: lambda b: b.replace(b"</sst>", b"<si><t>x</t></si>" *
                                                                          4_000_000 + b"</sst>")})
    data = bytearray(wb.read_bytes())
    with zipfile.ZipFile(wb) as zf:
        info = zf.getinfo(SHARED)
    assert info.file_size > 64 * 1024 * 1024 and not info.extra  # no zip64 fields: the sizes below are all
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: uncompressed size
    central = data.index(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4:][:0])
    while True:  # find this member's central directory entry
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + n] == SHARED.encode():
            break
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 1000)
    wb.write_bytes(bytes(data))
    run = run_cli("validate", wb)
    _assert_refused_cheaply(run, wb, "sharedStrings.xml")
