"""Seeded fuzzing: a few hundred byte- and structure-level mutants of the demo workbook through
validate, export json and (every few mutants) fill and validate --write-back. For every mutant:
exit code 0, 1 or 2 only (2 naming the file), no traceback, no Rust panic text, a schema-valid
JSON whenever export exits 0 (and no output file otherwise), the source unchanged by reading
commands. Deterministic: the same seed gives the same mutants on every run; a failure names the
mutant (its number and what was done), so it can be rebuilt with :func:`mutant`."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import warnings
import zipfile

import pytest

from hep_xl.cli import main
from hep_xl.export.json_doc import check_document
from hep_xl.sample.exports.make_exports import export_paths

from .hostile import LEAKS, demo_workbook

SEED = 16  # issue 16
MUTANTS = 320
CHUNK = 40
EDIT_EVERY = 8  # fill and write-back on every 8th mutant (they rewrite the file: slower)

WEIRD_REFS = [b"A0", b"ZZZZ1", b"XFD1048576", b"", b"1A", b"A-1", b"AAAA99999999", b"a1", b"$A$1", b"B4:B4",
              b"A1048577", b"Z99999999999"]
WEIRD_VALUES = [b"-1e308", b"1e309", b"nan", b"inf", b"abc", b"", b"99999999999999999999", b"-0", b"4.5e-320",
                b"2958466", b"1e15", b"-1", b"0x1F", b"1,5"]
WEIRD_TYPES = [b"n", b"b", b"e", b"d", b"str", b"inlineStr", b"x", b"s"]
WEIRD_TABLE_REFS = [b"A1:A1", b"P105:A4", b"A4:XFD1048576", b"A4:P4", b"A4", b"", b"A4:P1048576", b"hello", b"B4:Q106"]
WEIRD_NAMES = [b"'Telep\xc3\xbcl\xc3\xa9sadatok'!$XFD$1048576", b"#REF!", b"'Nincs'!$A$1", b"", b"Sheet1!A1:B2",
               b"'_hep_meta'!$B$999999"]
WEIRD_TEXT = [b"_x0001_", b"_x0000_", b"\xef\xbf\xbe", b"=1+1", b"&#0;", b"\xc3", b"a" * 40000]


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def _pack(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate member name is one of the mutations
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zo:
            for name, data in members:
                zo.writestr(name, data)
    return buf.getvalue()


def _sub_random(rnd: random.Random, data: bytes, pattern: bytes, make) -> bytes:
    found = list(re.finditer(pattern, data))
    if not found:
        return data
    m = rnd.choice(found)
    return data[:m.start(1)] + make(m.group(1)) + data[m.end(1):]


def _xml_edit(rnd: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    kind = rnd.choice(["ref", "value", "type", "tag", "attr", "doctype", "text", "truncate", "shared_index",
                       "table_ref", "defined_name", "date_style"])
    if kind == "ref":
        return kind, _sub_random(rnd, data, rb' r="([^"]*)"', lambda _: rnd.choice(WEIRD_REFS))
    if kind == "value":
        return kind, _sub_random(rnd, data, rb"<v>([^<]*)</v>", lambda _: rnd.choice(WEIRD_VALUES))
    if kind == "type":
        return kind, _sub_random(rnd, data, rb' t="([^"]*)"', lambda _: rnd.choice(WEIRD_TYPES))
    if kind == "tag":  # cut a random tag out
        tags = [m.span() for m in re.finditer(rb"<[^>]{1,200}>", data)]
        if tags:
            a, b = rnd.choice(tags)
            return kind, data[:a] + data[b:]
    if kind == "attr":  # an attribute value replaced by another one's
        vals = re.findall(rb'="([^"]{0,40})"', data)
        if vals:
            return kind, _sub_random(rnd, data, rb'="([^"]{0,40})"', lambda _: rnd.choice(vals))
    if kind == "doctype":
        return kind, data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "ee">]>', 1)
    if kind == "text":
        return kind, _sub_random(rnd, data, rb"<t[^>]*>([^<]{1,80})</t>", lambda old: old + rnd.choice(WEIRD_TEXT))
    if kind == "truncate":
        return kind, data[: rnd.randrange(len(data) + 1)]
    if kind == "shared_index":
        return kind, _sub_random(rnd, data, rb't="s"[^>]*><v>([0-9]+)</v>', lambda _: str(rnd.choice(
            [99999, 4294967296, 978])).encode())
    if kind == "table_ref":
        return kind, _sub_random(rnd, data, rb'<table\b[^>]*\sref="([^"]*)"', lambda _: rnd.choice(WEIRD_TABLE_REFS))
    if kind == "defined_name":
        return kind, _sub_random(rnd, data, rb"<definedName [^>]*>([^<]*)</definedName>",
                                 lambda _: rnd.choice(WEIRD_NAMES))
    if kind == "date_style":
        return kind, _sub_random(rnd, data, rb'<xf numFmtId="([0-9]+)"', lambda _: b"14")
    return kind, data


def mutant(demo_bytes: bytes, i: int) -> tuple[str, bytes]:
    """The ``i``-th mutant of the demo workbook and what was done to it."""
    rnd = random.Random(SEED * 100_003 + i)
    data = demo_bytes
    op = rnd.choice(["truncate", "flip", "overwrite", "duplicate_chunk", "delete_chunk", "drop_member",
                     "member_garbage", "xml", "xml", "xml", "xml", "xml", "xml", "duplicate_member",
                     "rename_member", "compression"])
    if op == "truncate":
        return f"{op}", data[: rnd.randrange(len(data))]
    if op == "flip":
        b = bytearray(data)
        for _ in range(rnd.randint(1, 20)):
            b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
        return op, bytes(b)
    if op == "overwrite":
        pos, n = rnd.randrange(len(data)), rnd.randint(1, 64)
        return op, data[:pos] + bytes(rnd.randrange(256) for _ in range(n)) + data[pos + n:]
    if op in ("duplicate_chunk", "delete_chunk"):
        a = rnd.randrange(len(data))
        b = min(len(data), a + rnd.randint(1, 4096))
        return op, data[:b] + data[a:b] + data[b:] if op == "duplicate_chunk" else data[:a] + data[b:]
    if op == "compression":  # an unknown compression method in one local header
        members = _members(data)
        info, _ = rnd.choice(members)
        b = bytearray(data)
        b[info.header_offset + 8] = 99
        return f"{op}:{info.filename}", bytes(b)
    members = [(i.filename, d) for i, d in _members(data)]
    k = rnd.randrange(len(members))
    name, content = members[k]
    if op == "drop_member":
        del members[k]
    elif op == "member_garbage":
        members[k] = (name, bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 2000))))
    elif op == "duplicate_member":
        members.append((name, content[: len(content) // 2]))
    elif op == "rename_member":
        members[k] = (rnd.choice([name.upper(), name.replace("/", "\\"), "../" + name, name + ".bak"]), content)
    else:  # xml
        xml = [j for j, (n, _) in enumerate(members) if n.endswith((".xml", ".rels"))]
        k = rnd.choice(xml)
        name, content = members[k]
        kind, content = _xml_edit(rnd, name, content)
        members[k] = (name, content)
        op = f"xml-{kind}"
    return f"{op}:{name}", _pack(members)


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory) -> bytes:
    return demo_workbook(tmp_path_factory.mktemp("fuzz") / "peldafalva.xlsx").read_bytes()


def _clean(out: str, err: str, where: str) -> None:
    for leak in LEAKS:
        assert leak not in out and leak not in err, f"{where}: {leak!r} in output\n{err[-1500:]}"


@pytest.mark.parametrize("start", range(0, MUTANTS, CHUNK), ids=lambda s: f"mutants-{s}-{s + CHUNK - 1}")
def test_mutants_exit_cleanly_and_export_only_valid_documents(start, demo_bytes, tmp_path, capfd):
    datafiles = [str(p) for p in export_paths()]
    for i in range(start, start + CHUNK):
        what, data = mutant(demo_bytes, i)
        where = f"mutant {i} ({what})"
        wb = tmp_path / f"m{i}.xlsx"
        wb.write_bytes(data)
        out_json = tmp_path / f"m{i}.json"

        code = main(["validate", str(wb)])
        out, err = capfd.readouterr()
        assert code in (0, 1, 2), f"{where}: validate exit {code}\n{err}"
        _clean(out, err, where)
        if code == 2:
            assert f"{wb}" in err, f"{where}: the file is not named\n{err}"

        code = main(["export", "json", str(wb), "-o", str(out_json)])
        out, err = capfd.readouterr()
        assert code in (0, 1, 2), f"{where}: export exit {code}\n{err}"
        _clean(out, err, where)
        if code == 0:
            check_document(json.loads(out_json.read_text(encoding="utf-8")))
        else:
            assert not out_json.exists(), where
        assert wb.read_bytes() == data, f"{where}: a reading command changed the file"

        if i % EDIT_EVERY == 0:
            edited = tmp_path / f"e{i}.xlsx"
            shutil.copy(wb, edited)
            for args in (["fill", str(edited), *datafiles, "--overwrite"], ["validate", "--write-back", str(edited)]):
                before = edited.read_bytes()
                code = main(args)
                out, err = capfd.readouterr()
                assert code in (0, 1, 2), f"{where}: {args[0]} exit {code}\n{err}"
                _clean(out, err, where)
                if code == 2:
                    assert edited.read_bytes() == before, f"{where}: {args[0]} failed but changed the file"
            edited.unlink()
        wb.unlink()
        out_json.unlink(missing_ok=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "temporary files left"
