#!/usr/bin/env python3
"""Check that every model ID and alias of the catalog is one AWS uses, against the stored AWS model-ID table.

The table, data/prices/aws-model-ids.json, holds each Amazon Bedrock model ID and system inference-profile ID as AWS
spells it, with the evidence it was found in (data/prices/README.md, "The AWS model-ID table"). The check fails when

- a row of the table lacks its ID, name, provider or evidence, or a piece of evidence lacks its source, a full
  YYYY-MM-DD date (`seen`) or a known kind (aws-docs, aws-api-output, third-party);
- an ID or alias of data/catalog.json is not in the table (or is a spelling the table records as not AWS's: the
  message then gives the table's spelling and the kind of its evidence).

Catalog IDs whose only evidence is third-party pass, and are printed as a warning list.

    tools/check_model_ids.py [--table TABLE_JSON] [--catalog CATALOG_JSON]
    tools/check_model_ids.py --self-test   (made-up tables and catalogs: each fault is found, a good catalog passes)

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TABLE = REPO_ROOT / "data" / "prices" / "aws-model-ids.json"
DEFAULT_CATALOG = REPO_ROOT / "data" / "catalog.json"
KINDS = ("aws-docs", "aws-api-output", "third-party")
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_full_date(text: object) -> bool:
    if not isinstance(text, str) or not FULL_DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def evidence_problems(where: str, evidence: object) -> list[str]:
    if not isinstance(evidence, list) or not evidence:
        return [f"{where}: expected a non-empty list of evidence"]
    problems = []
    for i, item in enumerate(evidence):
        at = f"{where}/{i}"
        if not isinstance(item, dict):
            problems.append(f"{at}: expected an object with source, seen and kind")
            continue
        if not is_text(item.get("source")):
            problems.append(f"{at}/source: expected the URL or document and section the ID was found in")
        if not is_full_date(item.get("seen")):
            problems.append(f"{at}/seen: expected a full YYYY-MM-DD date, got {item.get('seen')!r}")
        if item.get("kind") not in KINDS:
            problems.append(f"{at}/kind: expected one of {', '.join(KINDS)}, got {item.get('kind')!r}")
    return problems


def row_problems(where: str, row: object) -> list[str]:
    if not isinstance(row, dict):
        return [f"{where}: expected an object"]
    problems = [f"{where}/{key}: expected a non-empty string" for key in ("id", "name", "provider")
                if not is_text(row.get(key))]
    return problems + evidence_problems(f"{where}/evidence", row.get("evidence"))


def read_table(doc: object) -> tuple[dict[str, dict], dict[str, str], list[str]]:
    """The table's rows by ID, its recorded non-AWS spellings (spelling -> AWS ID) and what is wrong with it."""
    models = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(models, list) or not models:
        return {}, {}, ["/models: expected a non-empty list of rows"]
    rows: dict[str, dict] = {}
    problems = []
    for i, row in enumerate(models):
        problems += row_problems(f"/models/{i}", row)
        if isinstance(row, dict) and is_text(row.get("id")):
            if row["id"] in rows:
                problems.append(f"/models/{i}/id: {row['id']!r} is in the table twice")
            rows[row["id"]] = row
    return rows, read_spellings(models, rows, problems), problems


def read_spellings(models: list, rows: dict[str, dict], problems: list[str]) -> dict[str, str]:
    """Spellings the table records as not AWS's, and checks on profile_of and those spellings (added to problems)."""
    wrong: dict[str, str] = {}
    for i, row in enumerate(models):
        if not isinstance(row, dict):
            continue
        if "profile_of" in row and row["profile_of"] not in rows:
            problems.append(f"/models/{i}/profile_of: {row['profile_of']!r} is not a row of the table")
        for j, spelling in enumerate(row.get("not_aws_spellings", [])):
            if spelling in rows:
                problems.append(f"/models/{i}/not_aws_spellings/{j}: {spelling!r} is also a row of the table")
            wrong[spelling] = row.get("id")
    return wrong


def catalog_names(catalog: object) -> list[tuple[str, str]]:
    """(JSON path, ID or alias) of every model of a catalog document."""
    models = catalog.get("models", []) if isinstance(catalog, dict) else []
    names = []
    for i, model in enumerate(models):
        names.append((f"/models/{i}/id", model.get("id")))
        names += [(f"/models/{i}/aliases/{j}", alias) for j, alias in enumerate(model.get("aliases", []))]
    return names


def evidence_class(row: dict) -> str:
    kinds = {item.get("kind") for item in row["evidence"]}
    return next(kind for kind in KINDS if kind in kinds)


def check_catalog(catalog: object, rows: dict[str, dict], wrong: dict[str, str],
                  table_name: str) -> tuple[list[str], dict[str, list[str]]]:
    """What is wrong with the catalog's IDs, and its IDs by evidence class (aws-docs, aws-api-output, third-party)."""
    problems = []
    classes: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for path, name in catalog_names(catalog):
        if name in rows:
            classes[evidence_class(rows[name])].append(name)
        elif name in wrong:
            spelling = wrong[name]
            problems.append(f"{path}: {name!r} is not an AWS model ID; the table spells it {spelling!r} "
                            f"({table_name}, evidence: {evidence_class(rows[spelling])})")
        else:
            problems.append(f"{path}: {name!r} is not in {table_name}: no evidence that AWS uses this ID")
    return problems, classes


def run(table: object, catalog: object, table_name: str, catalog_name: str) -> tuple[list[str], list[str]]:
    """(lines for stdout, problems); the problems name the file and JSON path."""
    rows, wrong, problems = read_table(table)
    problems = [f"{table_name}: {p}" for p in problems]
    if problems:
        return [], problems
    catalog_problems, classes = check_catalog(catalog, rows, wrong, table_name)
    lines = [f"{catalog_name}: {sum(map(len, classes.values()))} IDs and aliases found in {table_name}: "
             f"{len(classes['aws-docs'])} by AWS documents, {len(classes['aws-api-output'])} by AWS API output only, "
             f"{len(classes['third-party'])} by third parties only"]
    if classes["third-party"]:
        lines.append(f"warning: {len(classes['third-party'])} catalog IDs have only third-party evidence "
                     f"(their rows in {table_name} say where):")
        lines += [f"  {name}" for name in classes["third-party"]]
    return lines, [f"{catalog_name}: {p}" for p in catalog_problems]


def load(path: str) -> object:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", default=str(DEFAULT_TABLE), help="the AWS model-ID table (default: %(default)s)")
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="the catalog (default: %(default)s)")
    parser.add_argument("--self-test", action="store_true", help="check the check on made-up inputs")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        table, catalog = load(args.table), load(args.catalog)
    except (OSError, json.JSONDecodeError) as e:
        print(f"check_model_ids.py: error: {e}", file=sys.stderr)
        return 1
    lines, problems = run(table, catalog, relative(args.table), relative(args.catalog))
    print("\n".join(lines))
    for problem in problems:
        print(f"check_model_ids.py: error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return path


def self_test() -> int:
    """Each fault is found with its message; a third-party-only ID passes with a warning; a good catalog passes."""
    aws = {"source": "models-supported.html", "seen": "2026-02-15", "kind": "aws-docs"}
    third = {"source": "models.dev", "seen": "2026-12-07", "kind": "third-party"}
    table = {"models": [
        {"id": "a.model-v1:0", "name": "A", "provider": "P", "evidence": [aws]},
        {"id": "b.model", "name": "B", "provider": "P", "evidence": [third], "not_aws_spellings": ["b.model:0"]},
    ]}

    def catalog(*ids: str, aliases: tuple[str, ...] = ()) -> dict:
        return {"models": [{"id": i, "aliases": list(aliases)} for i in ids]}

    cases = [
        ("an unknown ID", table, catalog("a.model-v1:0", "x.unknown"),
         ["C: /models/1/id: 'x.unknown' is not in T: no evidence that AWS uses this ID"]),
        ("an unknown alias", table, catalog("a.model-v1:0", aliases=("bedrock/a.model",)),
         ["C: /models/0/aliases/0: 'bedrock/a.model' is not in T: no evidence that AWS uses this ID"]),
        ("a spelling that is not AWS's", table, catalog("b.model:0"),
         ["C: /models/0/id: 'b.model:0' is not an AWS model ID; the table spells it 'b.model' "
          "(T, evidence: third-party)"]),
        ("evidence without a source", {"models": [{"id": "a", "name": "A", "provider": "P",
                                                   "evidence": [{"seen": "2026-02-15", "kind": "aws-docs"}]}]},
         catalog("a"),
         ["T: /models/0/evidence/0/source: expected the URL or document and section the ID was found in"]),
        ("evidence with a month for a date", {"models": [{"id": "a", "name": "A", "provider": "P",
                                                          "evidence": [{**aws, "seen": "2026-02"}]}]},
         catalog("a"), ["T: /models/0/evidence/0/seen: expected a full YYYY-MM-DD date, got '2026-02'"]),
        ("a row without evidence", {"models": [{"id": "a", "name": "A", "provider": "P", "evidence": []}]},
         catalog("a"), ["T: /models/0/evidence: expected a non-empty list of evidence"]),
        ("a good catalog", table, catalog("a.model-v1:0", "b.model"), []),
    ]
    failed = 0
    for what, t, c, expected in cases:
        lines, problems = run(t, c, "T", "C")
        if problems != expected:
            print(f"self-test failed on {what}: expected {expected}, found {problems}")
            failed += 1
    lines, _ = run(table, catalog("a.model-v1:0", "b.model"), "T", "C")
    if lines[1:] != ["warning: 1 catalog IDs have only third-party evidence (their rows in T say where):", "  b.model"]:
        print(f"self-test failed: the third-party-only ID is not in the warning list: {lines}")
        failed += 1
    if failed:
        return 1
    print(f"self-test: {len(cases)} cases and the warning list as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
