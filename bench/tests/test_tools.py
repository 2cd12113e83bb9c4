#!/usr/bin/env python3
"""Checks of the bench tooling that need no timing and no peer: bench/compare's spread, verdict, check and file-name
rules, and bench/render-benchmarks on a synthetic results file (render-fixture.jsonl: made-up numbers, not a
measurement) against the page it must give (render-expected.md, with render-template.md as the prose).
Run: python3 bench/tests/test_tools.py   (prints "N passed, N failed"; exits 1 on a failure)
After a deliberate change to the renderer: python3 bench/tests/test_tools.py --update (rewrites render-expected.md)."""
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)


def load(name, filename):
    loader = importlib.machinery.SourceFileLoader(name, os.path.join(BENCH, filename))
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


compare = load("compare", "compare")
render = load("render_benchmarks", "render-benchmarks")
FIXTURE = os.path.join(HERE, "render-fixture.jsonl")
TEMPLATE = os.path.join(HERE, "render-template.md")
EXPECTED = os.path.join(HERE, "render-expected.md")
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def close(a, b):
    return a is not None and abs(a - b) < 1e-12


# compare: the spread is the quartile spread of the round values.
check("spread of one round is None", compare.spread([1.0]) is None)
check("spread of equal rounds is 0", close(compare.spread([2.0, 2.0, 2.0, 2.0]), 0.0))
check("spread of two rounds", close(compare.spread([1.0, 2.0]), 0.5 / 1.5), compare.spread([1.0, 2.0]))
check("spread of 1..5", close(compare.spread([5.0, 1.0, 3.0, 2.0, 4.0]), 2.0 / 3.0))
check("one disturbed round in five leaves the spread at 0", close(compare.spread([1.0, 1.0, 1.0, 1.0, 9.0]), 0.0))

# compare: verdicts against targets.
check("met: yes", compare.judge((1.0, None, ""), 1.2, None, [0.01, 0.01]) == "yes")
check("met: within spread", compare.judge((1.0, None, ""), 0.95, None, [0.03, 0.03]) == "no (within spread)")
check("met: no", compare.judge((1.0, None, ""), 0.8, None, [0.03, 0.03]) == "no")
check("met: the % of peak counts too", compare.judge((1.0, 70, ""), 1.2, 60.0, [0.01, 0.01]) == "no")
check("met: no target", compare.judge((None, None, ""), 1.2, None, [0.0, 0.0]) is None)
check("met: no result", compare.judge((1.0, None, ""), None, None, [None, None]) == "n/a")
check("check: within tolerance", compare.check_result(1.0, 1.0 + 1e-7, 1e-6, "peer") == "ok")
check("check: beyond tolerance", compare.check_result(1.0, 1.1, 1e-3, "mlnet").startswith("DIFF(ours=1,mlnet=1.1"))
slug = compare.cpu_slug({"model": "AMD EPYC 9R14 96-Core Processor", "family": 25, "model_number": 17})
check("cpu slug", slug == "amd-epyc-9r14-f25m17", slug)
check("target text", compare.target_text((1.03, 70, "")) == "≥ 1.03×, ≥ 70 % of peak")

# render-benchmarks: the fixture renders to the expected page.
with open(TEMPLATE, encoding="utf-8") as f:
    template = f.read()
page = render.render(FIXTURE, template)
if "--update" in sys.argv:
    with open(EXPECTED, "w", encoding="utf-8") as f:
        f.write(page)
with open(EXPECTED, encoding="utf-8") as f:
    expected = f.read()
check("the fixture renders to render-expected.md", page == expected,
      "run with --update after a deliberate change, and read the diff")
check("a complete run has no partial warning", "Partial run" not in page)

with tempfile.TemporaryDirectory() as folder:
    lines = open(FIXTURE, encoding="utf-8").read().splitlines()
    older = os.path.join(folder, "2000-01-01-0000-fixture.jsonl")
    newer = os.path.join(folder, "2000-01-02-0000-fixture.jsonl")
    shutil.copy(FIXTURE, older)
    with open(newer, "w", encoding="utf-8") as f:  # the same run, cut off before its end record
        f.write("\n".join(l for l in lines if json.loads(l)["type"] != "end") + "\n")
    check("the newest complete file is chosen", render.newest_complete(folder) == older)
    check("a run without its end record is labelled partial", "Partial run" in render.render(newer, template))
    some = os.path.join(folder, "2000-01-03-0000-fixture.jsonl")
    with open(some, "w", encoding="utf-8") as f:  # compare run on named cases
        for l in lines:
            r = json.loads(l)
            if r["type"] == "run":
                r["default_list"] = False
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    check("a run of named cases is labelled partial", "it measured only" in render.render(some, template))
    check("and is not chosen by default", render.newest_complete(folder) == older)

failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
