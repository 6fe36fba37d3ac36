#!/usr/bin/env python3
"""The dependency rule of docs/ARCHITECTURE.md, checked from the #include lines of include/ and src/.

A module includes only the modules it is allowed to (the table below, the picture in ARCHITECTURE.md); CLI11
only in the CLI; a private header ("x.hpp") only from its own module's folder. Prints each offending line as
file:line and exits 1 when there is one.
    tests/layers.py [REPO]
    tests/layers.py --self-test   (the check finds each kind of breach in a small made-up tree)
"""
import pathlib
import re
import sys

ALLOWED = {
    "util": set(),
    "catalog": {"util"},
    "workload": {"util"},
    "usage": {"util", "workload"},
    "engine": {"util", "catalog", "workload"},
    "report": {"util", "catalog", "workload", "usage", "engine"},
    "net": {"util"},
    "cli": {"util", "catalog", "workload", "usage", "engine", "report", "net"},
}
PUBLIC = re.compile(r'^\s*#\s*include\s*<bedrock_cost/([a-z_]+)/')
PRIVATE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
CLI11 = re.compile(r'^\s*#\s*include\s*<CLI/')


def module_of(path: pathlib.Path, root: pathlib.Path):
    parts = path.relative_to(root).parts
    if parts[0] == "include" and len(parts) > 2 and parts[1] == "bedrock_cost":
        return parts[2] if len(parts) > 3 else None  # error.hpp, version.hpp: shared by all
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    return None  # src/main.cpp: the program, above everything


def check(root: pathlib.Path):
    problems = []
    files = [p for d in ("include", "src") for p in (root / d).rglob("*")
             if p.suffix in (".hpp", ".cpp", ".inc", ".in")]
    if not files:
        return [f"{root}: no sources found under include/ and src/"]
    for path in sorted(files):
        module = module_of(path, root)
        if module is not None and module not in ALLOWED:
            problems.append(f"{path.relative_to(root)}: module '{module}' is not in the dependency rule")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.relative_to(root)}:{number}"
            if (m := PUBLIC.match(line)) and module is not None:
                used = m.group(1)
                if used != module and used not in ALLOWED[module]:
                    problems.append(f"{where}: {module} may not include {used} ({line.strip()})")
            elif (m := PRIVATE.match(line)) and "/" in m.group(1) and module is not None:
                problems.append(f"{where}: a private header of another folder ({line.strip()})")
            elif CLI11.match(line) and module not in (None, "cli"):
                problems.append(f"{where}: CLI11 outside the CLI ({line.strip()})")
    return problems


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        files = {
            "include/bedrock_cost/engine/a.hpp": "#include <bedrock_cost/usage/usage.hpp>\n",  # engine -> usage
            "src/usage/b.cpp": '#include "../engine/quota.hpp"\n',  # another folder's private header
            "src/report/c.cpp": "#include <CLI/CLI.hpp>\n",  # CLI11 in the core
            "src/cli/d.cpp": "#include <bedrock_cost/engine/estimate.hpp>\n#include <CLI/CLI.hpp>\n",  # allowed
        }
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        found = check(root)
        expected = ["include/bedrock_cost/engine/a.hpp:1: engine may not include usage",
                    "src/report/c.cpp:1: CLI11 outside the CLI", "src/usage/b.cpp:1: a private header"]
        missing = [e for e in expected if not any(f.startswith(e) for f in found)]
        if missing or len(found) != len(expected):
            print("self-test failed: expected", expected, "found", found)
            return 1
    print("self-test: the three breaches were found, the allowed includes were not flagged")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    problems = check(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
