"""The workbook's own texts take the decree's facts from the catalog (issue 15): no Annex 3 column
letters ("A–J", "a B oszlopban"), no list of the target groups ("I, II, III, IV vagy V"), no Fórum
or review interval ("kétévente", "két évvel") written in the writer's modules. Read from their
syntax trees (docstrings aside: prose may cite the text); the self-test plants each fact once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

WORKBOOK = Path(__file__).resolve().parents[1] / "hep_xl" / "workbook"
MODULES = ("writer.py", "guide.py", "overview_sheet.py", "layout.py", "cells.py", "pages.py")
FACTS = {
    "a range of Annex 3 column letters": re.compile(r"\b[A-J]\s*[–-]\s*[A-J]\b"),
    "an Annex 3 column by its letter": re.compile(r"\b[A-J]\) |\ba\(z\) [A-J] oszlop|\b[A-J] oszlopban"),
    "the target groups listed": re.compile(r"\bI, II\b|\bIV vagy V\b"),
    "an interval of the texts": re.compile(r"\b(két|három|négy|öt)?évente\b|\bkét év"),
}


def _strings(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _facts_in(source: str) -> list[str]:
    return [f"line {line}: {what}: {text!r}" for line, text in _strings(source)
            for what, pattern in FACTS.items() if pattern.search(text)]


@pytest.mark.parametrize("module", MODULES)
def test_no_decree_fact_is_written_in_the_workbook_modules(module):
    assert _facts_in((WORKBOOK / module).read_text(encoding="utf-8")) == []


def test_the_check_finds_a_planted_fact():
    planted = ['x = "a 3. melléklet szerinti intézkedések (A–J oszlopok)"', 'y = "I, II, III, IV vagy V."',
               'z = "A Fórum legalább kétévente ülésezik"', 'w = "legfeljebb két évvel az elfogadás után"',
               'v = "a B oszlopban a probléma azonosítója"']
    for line in planted:
        assert _facts_in(line), line
    assert _facts_in('"""A docstring may cite A–J and kétévente."""') == []
