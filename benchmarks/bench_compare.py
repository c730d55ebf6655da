"""Benchmark: the page query sets of two revisions side by side, on this machine at this hour.

This machine's speed varies by up to 2× from one day to the next, so a table measured today says little
against one measured yesterday. This script makes a git worktree of --base (default HEAD~1) under
benchmarks/out/, gives each tree its own copy of each scale's demo database (bench_pages.py builds them; a
tree rebuilds its fact tables on first open if its SQL differs), and replays the page sets bench_pages.py
recorded last (benchmarks/out/page_sets.pkl: run it first) warm --repeat times, each tree in a process of
its own importing its own code (its own benchmarks/bench_pages.py replays the set), the trees alternating
for --rounds rounds. Prints, per page and filter choice, the better of the rounds' medians: before → after.
Both revisions need the analytics entry points the recorded sets call.
Run: python benchmarks/bench_compare.py [--base REV] [--scales 1 100] [--repeat 5] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BASE_TREE = OUT / "compare_base"


def child(root: str, path: str, old: str, new: str, repeat: int) -> None:
    """In a fresh process: with the code of `root`, replay every recorded set; print medians as JSON."""
    sys.path[:0] = [root, f"{root}/benchmarks"]
    import bench_pages as tree  # the tree's own replay, over the tree's own analytics package

    from analytics import db

    sets = pickle.loads((OUT / "page_sets.pkl").read_bytes())
    con = db.connect(path)
    medians = {}
    for key, recorded in sets.items():
        calls = tree.for_scale([tree.Call(*call) for call in recorded], old, new)
        tree.run_set(con, calls)  # warm-up: caches, and the facts of a tree whose SQL differs
        medians[key] = statistics.median(sum(tree.run_set(con, calls)) for _ in range(repeat)) * 1000
    print(json.dumps(medians))


def worktree(base: str) -> Path:
    if BASE_TREE.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(BASE_TREE)], cwd=ROOT, check=True)
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(BASE_TREE), base], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    return BASE_TREE


def replay(root: Path, path: Path, old: str, new: str, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(root), str(path), old, new, str(repeat)],
        check=True, capture_output=True, text=True, cwd=root,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="HEAD~1")
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_pages

    if not bench_pages.SETS_FILE.exists():
        sys.exit("Run benchmarks/bench_pages.py first: it records the page sets this script replays.")
    label = subprocess.run(["git", "rev-parse", "--short", args.base], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    trees = {"before": worktree(args.base), "after": ROOT}
    recorded_uscc = bench_pages.profile_choice(bench_pages.build_db(1)[0])[1]
    results: dict[float, dict[str, dict[str, float]]] = {}
    start = bench_pages.load()
    for scale in args.scales:
        source, _ = bench_pages.build_db(scale)
        uscc = bench_pages.profile_choice(source)[1]
        copies = {name: OUT / f"compare_{name}_scale{scale:g}.duckdb" for name in trees}
        for copy in copies.values():
            shutil.copyfile(source, copy)
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, root in trees.items():
                rounds[name].append(replay(root, copies[name], recorded_uscc, uscc, args.repeat))
        results[scale] = {
            name: {key: min(r[key] for r in runs) for key in runs[0]} for name, runs in rounds.items()
        }
        for copy in copies.values():
            copy.unlink()
    subprocess.run(["git", "worktree", "remove", "--force", str(BASE_TREE)], cwd=ROOT, check=True)

    print(f"Before: {args.base} ({label}); after: the working tree. Load average at start {start}, at end "
          f"{bench_pages.load()}. Warm, median of {args.repeat}, better of {args.rounds} interleaved rounds.\n")  # fmt: skip
    print("| page | filters | " + " | ".join(f"scale {s:g} before → after" for s in args.scales) + " |")
    print("|---|---|" + "---:|" * len(args.scales))
    for key in results[args.scales[0]]["after"]:
        page, choice = key.split("/")
        cells = [f"{results[s]['before'][key]:.0f} → {results[s]['after'][key]:.0f} ms" for s in args.scales]
        print(f"| {page} | {choice} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6], int(sys.argv[6]))
    else:
        main()
