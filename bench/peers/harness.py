"""The command line, timing loop and RESULT line shared by the peer scripts; mirrors
bench/Functional.Bench/Measure.fs and Program.fs so both sides are measured alike."""
import argparse
import gc
import json
import math
import sys
import time


class Prepared:
    """A case ready to time: run() does `units` units of work; seconds are reported per unit."""

    def __init__(self, run, units=1, flops=None, check=lambda: float("nan"), extra=dict):
        """extra() gives further numbers to print beside the check (iterations, support vectors), by name."""
        self.run, self.units, self.flops, self.check, self.extra = run, units, flops, check, extra


class NotImplementedCase:
    """The peer cannot run this case; the reason is printed."""

    def __init__(self, reason):
        self.reason = reason


def split_threads(name):
    """'NAME-tN' -> ('NAME', N); no suffix -> (name, None)."""
    base, sep, tail = name.rpartition("-t")
    if sep and tail.isdigit() and int(tail) >= 1:
        return base, int(tail)
    return name, None


def time_case(prepared, warmup, repeats, budget):
    """Warm-up: `warmup` runs (fewer if they pass `budget` seconds), then more until half the budget is spent.
    Then timed repeats (garbage collected before each, outside the timing), at most `repeats`, stopping once they
    pass the budget (at least one always runs). Returns seconds per unit of work, one per repeat."""
    warm, done = 0.0, 0
    at_least = budget / 2 if math.isfinite(budget) else 0.0
    while (done < warmup and warm <= budget) or warm < at_least:
        start = time.perf_counter()
        prepared.run()
        warm += time.perf_counter() - start
        done += 1
    samples, spent = [], 0.0
    while len(samples) < max(1, repeats) and (not samples or spent <= budget):
        gc.collect()
        start = time.perf_counter()
        prepared.run()
        elapsed = time.perf_counter() - start
        spent += elapsed
        samples.append(elapsed / prepared.units)
    return samples


def main(impl, cases, set_threads, info):
    """CLI: `case NAME[-tN] [--threads N] [--repeats R] [--warmup W] [--budget S]`, `list`, `info`.
    `cases` maps base names to functions returning Prepared or NotImplementedCase."""
    parser = argparse.ArgumentParser(prog=sys.argv[0])
    sub = parser.add_subparsers(dest="command", required=True)
    case = sub.add_parser("case")
    case.add_argument("name")
    case.add_argument("--threads", type=int)
    case.add_argument("--repeats", type=int, default=5)
    case.add_argument("--warmup", type=int, default=1)
    case.add_argument("--budget", type=float, default=math.inf)
    sub.add_parser("list")
    sub.add_parser("info")
    args = parser.parse_args()
    if args.command == "list":
        print("\n".join(cases))
        return 0
    if args.command == "info":
        info()
        return 0
    base, suffix = split_threads(args.name)
    if base not in cases:
        parser.error(f"unknown case '{args.name}'; known: {', '.join(cases)}")
    threads = args.threads if args.threads is not None else (suffix or 1)
    if suffix is not None and suffix != threads:
        parser.error(f"case '{args.name}' says {suffix} threads but --threads says {threads}")
    set_threads(threads)
    outcome = cases[base]()
    result = {"case": args.name, "impl": impl, "threads": threads}
    if isinstance(outcome, NotImplementedCase):
        result["unsupported"] = outcome.reason
    else:
        result["seconds"] = time_case(outcome, args.warmup, args.repeats, args.budget)
        if outcome.flops is not None:
            result["flops"] = outcome.flops
        check = float(outcome.check())
        result["check"] = check if math.isfinite(check) else str(check)
        extra = {k: float(v) for k, v in outcome.extra().items()}
        if extra:
            result["extra"] = extra
    print("RESULT " + json.dumps(result), flush=True)
    return 0
