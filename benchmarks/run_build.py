#!/usr/bin/env python3
"""Time `kg build` over a folder of descriptions: speed, memory, graph size, per-stage times.

    .venv/bin/python benchmarks/run_build.py                      # 1000 synthetic files, 3 repeats
    .venv/bin/python benchmarks/run_build.py --corpus seeds       # any folder of .txt/.md
    .venv/bin/python benchmarks/run_build.py --subprocess         # also time `kg build` as a child process

Without --corpus the synthetic corpus is (re)generated in benchmarks/corpus/
when it is missing or holds a different number of files than --count.

What is measured, in this order:

1. in-process: ``kg.cli.main(["build", DIR, "-o", tmp.ttl])``, --repeat times.
   Wall time per run, descriptions/s, and the process's peak RSS
   (``getrusage(RUSAGE_SELF).ru_maxrss``, a high-water mark over the whole
   process, so it also covers the imports and earlier repeats).
2. one more in-process run under ``tracemalloc``: peak Python-heap
   allocation. Tracing slows the run down, so its time is not a speed figure.
3. with --subprocess: ``kg build`` in a fresh interpreter, --repeat times;
   wall time (includes interpreter start-up, imports and model loading) and
   the child's peak RSS (``os.wait4`` for that child; ``RUSAGE_CHILDREN`` is
   printed as well).
4. the triple count of the output graph (loaded with rdflib, not timed).
5. unless --no-stages: each pipeline stage (read -> parse -> extract ->
   link -> verify -> rdf) timed separately over the whole corpus, when
   kg exposes it; stages that are missing are listed as skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import inspect
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SUFFIXES = (".txt", ".md")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def maxrss_mib(who: int) -> float:
    """ru_maxrss in MiB (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def current_rss_mib() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def count_inputs(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def ensure_corpus(args: argparse.Namespace) -> Path:
    if args.corpus:
        folder = Path(args.corpus)
        if not folder.exists():
            sys.exit(f"run_build: --corpus {folder} does not exist")
        return folder
    folder = HERE / "corpus"
    have = count_inputs(folder) if folder.is_dir() else 0
    if have != args.count:
        sys.path.insert(0, str(HERE))
        import generate  # benchmarks/generate.py

        t = time.perf_counter()
        generate.generate(args.count, folder, args.seed)
        print(f"generated {args.count} descriptions in {folder} "
              f"(seed {args.seed}, {time.perf_counter() - t:.1f} s)")
    else:
        print(f"using existing corpus {folder} ({have} files; delete it to regenerate)")
    return folder


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def summary(times: list[float]) -> dict[str, float]:
    return {
        "min": min(times),
        "median": statistics.median(times),
        "mean": statistics.fmean(times),
        "max": max(times),
    }


def triple_count(path: Path) -> int | None:
    try:
        import rdflib
    except ImportError:
        return None
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}.get(
        path.suffix, "turtle")
    g = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    g.parse(path, format=fmt)
    return len(g)


def machine() -> dict[str, str]:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
    }
    try:
        info["nproc"] = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            total = next(line for line in fh if line.startswith("MemTotal:"))
        info["memory"] = f"{int(total.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            model = next(line for line in fh if line.startswith("model name"))
        info["cpu"] = model.split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    return info


# --------------------------------------------------------------------------
# in-process and subprocess runs
# --------------------------------------------------------------------------


def run_cli_in_process(folder: Path, out: Path) -> tuple[float, str]:
    from kg.cli import main as kg_main

    buf = io.StringIO()
    gc.collect()
    t = time.perf_counter()
    with contextlib.redirect_stdout(buf):
        rc = kg_main(["build", str(folder), "-o", str(out)])
    elapsed = time.perf_counter() - t
    if rc != 0:
        raise RuntimeError(f"kg build exited with {rc}: {buf.getvalue().strip()}")
    return elapsed, buf.getvalue().strip()


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kg.cli"]


def run_cli_subprocess(folder: Path, out: Path) -> tuple[float, float, str]:
    """(wall seconds, child's peak RSS in MiB, stdout)."""
    cmd = kg_command() + ["build", str(folder), "-o", str(out)]
    t = time.perf_counter()
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        so.seek(0)
        se.seek(0)
        stdout, stderr = so.read().decode(errors="replace"), se.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {stderr.strip()[-2000:]}")
    rss = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return elapsed, rss, stdout.strip()


# --------------------------------------------------------------------------
# per-stage timing
# --------------------------------------------------------------------------

# For each stage: where it may live, the function names it may have, and
# whether it is called once per figure ("each") or once on the whole list
# ("all"). The first name found wins. kg.pipeline is searched first so that
# the benchmark follows whatever the pipeline itself calls.
STAGES: list[tuple[str, list[str], list[str], str]] = [
    ("read", ["kg.read"], ["read_documents"], "all"),
    ("parse", ["kg.pipeline", "kg.parse"], ["parse_all", "parse_documents", "parse_figures"], "all"),
    ("parse", ["kg.parse", "kg.pipeline"], ["parse_document", "parse_figure", "parse"], "each"),
    ("extract", ["kg.pipeline", "kg.extract"], ["extract_all", "extract_figures"], "all"),
    ("extract", ["kg.extract", "kg.pipeline"], ["extract_figure", "extract"], "each"),
    ("link", ["kg.pipeline", "kg.link"], ["link_figures", "link_all", "link", "build_knowledge_base"], "all"),
    ("verify", ["kg.pipeline", "kg.verify"], ["verify_all", "verify_claims", "verify_knowledge_base", "verify"], "all"),
    ("rdf", ["kg.pipeline", "kg.rdf"], ["to_graph", "to_rdf", "build_rdf", "kb_to_graph", "knowledge_base_to_graph",
                                        "graph_from_kb", "make_graph"], "all"),
]
STAGE_ORDER = ["read", "parse", "extract", "link", "verify", "rdf"]


def find_stage(name: str) -> tuple[str, Callable, str] | None:
    for stage, modules, funcs, mode in STAGES:
        if stage != name:
            continue
        for mod_name in modules:
            try:
                mod = importlib.import_module(mod_name)
            except ImportError:
                continue
            for fn in funcs:
                obj = getattr(mod, fn, None)
                if callable(obj) and not inspect.isclass(obj):
                    return f"{mod_name}.{fn}", obj, mode
    return None


def time_stages(folder: Path) -> tuple[list[tuple[str, str, float | None, str]], int | None]:
    """[(stage, function, seconds or None, note)], triples of the stage-built graph."""
    rows: list[tuple[str, str, float | None, str]] = []
    data = [str(folder)]
    broken = None
    triples = None
    for name in STAGE_ORDER:
        if broken:
            rows.append((name, "-", None, f"skipped: needs the output of {broken}"))
            continue
        try:
            found = find_stage(name)
        except Exception as err:  # a module that fails to import is a missing stage here
            found = None
            rows.append((name, "-", None, f"skipped: import failed ({type(err).__name__}: {err})"))
            broken = name
            continue
        if found is None:
            rows.append((name, "-", None, "skipped: no stage function found"))
            broken = name
            continue
        label, fn, mode = found
        gc.collect()
        t = time.perf_counter()
        failed = 0
        try:
            if mode == "each":
                result = []
                for k, item in enumerate(data):
                    try:
                        result.append(fn(item))
                    except (TypeError, AttributeError):
                        if k == 0:  # most likely the wrong signature: give up on the stage
                            raise
                        failed += 1
                    except Exception:  # one bad description must not stop the breakdown
                        failed += 1
            else:
                result = fn(data)
        except Exception as err:
            rows.append((name, label, None, f"skipped: call failed ({type(err).__name__}: {err})"))
            broken = name
            continue
        elapsed = time.perf_counter() - t
        # a verify step may mutate the knowledge base in place and return None
        if result is None:
            result = data
        note = ""
        if isinstance(result, list):
            note = f"{len(result)} items" + (f", {failed} raised" if failed else "")
        elif hasattr(result, "__len__"):
            try:
                note = f"{len(result)} triples" if name == "rdf" else ""
                if name == "rdf":
                    triples = len(result)
            except TypeError:
                pass
        rows.append((name, label, elapsed, note))
        data = result
    return rows, triples


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="folder of .txt/.md descriptions (default: generate benchmarks/corpus)")
    ap.add_argument("--count", type=int, default=1000, help="synthetic corpus size (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    ap.add_argument("-r", "--repeat", type=int, default=3, help="timed runs of each kind (default 3)")
    ap.add_argument("--subprocess", action="store_true", help="also time `kg build` as a child process")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the tracemalloc run")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    ap.add_argument("--keep", metavar="OUT.ttl", help="keep the graph of the last in-process run here")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON (benchmarks/results/ is git-ignored)")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    folder = ensure_corpus(args)
    n_docs = count_inputs(folder)
    size_kib = sum(p.stat().st_size for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES) / 1024
    info = machine()
    print(f"machine: {info.get('cpu', '?')}, {info.get('nproc', info['cpus'])} cores, "
          f"{info.get('memory', '?')} RAM, Python {info['python']}")
    print(f"corpus: {folder} - {n_docs} descriptions, {size_kib:.0f} KiB")
    results: dict = {"machine": info, "corpus": str(folder), "descriptions": n_docs, "corpus_kib": round(size_kib)}

    tmpdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out = tmpdir / "graph.ttl"
    rc = 0
    try:
        # ---- in-process ------------------------------------------------------
        t = time.perf_counter()
        import kg.cli  # noqa: F401  (imports are timed separately from the runs)

        import_s = time.perf_counter() - t
        rss_before = maxrss_mib(resource.RUSAGE_SELF)
        print(f"\nin-process: kg.cli.main(['build', {str(folder)!r}, '-o', tmp.ttl])  "
              f"[import kg.cli {import_s:.2f} s, RSS before first run {rss_before:.0f} MiB]")
        times = []
        stats_line = ""
        for i in range(args.repeat):
            elapsed, stats_line = run_cli_in_process(folder, out)
            times.append(elapsed)
            print(f"  run {i + 1}: {fmt_s(elapsed)}  {n_docs / elapsed:7.1f} descriptions/s  "
                  f"peak RSS so far {maxrss_mib(resource.RUSAGE_SELF):.0f} MiB")
        print(f"  kg build said: {stats_line}")
        s = summary(times)
        peak_rss = maxrss_mib(resource.RUSAGE_SELF)
        results["in_process"] = {
            "times_s": times, **{k + "_s": v for k, v in s.items()},
            "descriptions_per_s_median": n_docs / s["median"], "descriptions_per_s_best": n_docs / s["min"],
            "peak_rss_mib": peak_rss, "rss_before_first_run_mib": rss_before, "import_s": import_s,
            "kg_build_output": stats_line,
        }
        cur = current_rss_mib()
        if cur is not None:
            results["in_process"]["rss_after_runs_mib"] = cur

        # ---- tracemalloc -------------------------------------------------------
        if not args.no_tracemalloc:
            tracemalloc.start()
            t_elapsed, _ = run_cli_in_process(folder, out)
            _, heap_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            results["tracemalloc"] = {"peak_heap_mib": heap_peak / 2**20, "traced_run_s": t_elapsed}
            print(f"  tracemalloc run: peak Python heap {heap_peak / 2**20:.1f} MiB "
                  f"(traced run took {fmt_s(t_elapsed)}; not a speed figure)")

        triples = triple_count(out)
        results["triples"] = triples
        if args.keep:
            Path(args.keep).write_bytes(out.read_bytes())

        # ---- subprocess ----------------------------------------------------------
        if args.subprocess:
            cmd = " ".join(kg_command() + ["build", str(folder), "-o", "tmp.ttl"])
            print(f"\nsubprocess: {cmd}")
            sub_times, sub_rss = [], []
            for i in range(args.repeat):
                elapsed, rss, _ = run_cli_subprocess(folder, tmpdir / "sub.ttl")
                sub_times.append(elapsed)
                sub_rss.append(rss)
                print(f"  run {i + 1}: {fmt_s(elapsed)}  {n_docs / elapsed:7.1f} descriptions/s  "
                      f"child peak RSS {rss:.0f} MiB")
            children = maxrss_mib(resource.RUSAGE_CHILDREN)
            print(f"  RUSAGE_CHILDREN ru_maxrss: {children:.0f} MiB (largest child so far)")
            ss = summary(sub_times)
            results["subprocess"] = {
                "times_s": sub_times, **{k + "_s": v for k, v in ss.items()},
                "descriptions_per_s_median": n_docs / ss["median"], "peak_rss_mib": max(sub_rss),
                "rusage_children_maxrss_mib": children,
            }

        # ---- stages ----------------------------------------------------------------
        if not args.no_stages:
            print("\nper-stage breakdown (one pass over the corpus):")
            rows, stage_triples = time_stages(folder)
            done = [r for r in rows if r[2] is not None]
            total = sum(r[2] for r in done) or 1.0
            for name, label, secs, note in rows:
                if secs is None:
                    print(f"  {name:8s} {note}")
                else:
                    print(f"  {name:8s} {secs:8.2f} s {100 * secs / total:5.1f}%  "
                          f"{1000 * secs / max(n_docs, 1):7.2f} ms/description  {label}  {note}")
            skipped = [r[0] for r in rows if r[2] is None]
            if skipped:
                print(f"  skipped stages: {', '.join(skipped)}")
            results["stages"] = [
                {"stage": n, "function": lab, "seconds": sec, "note": note} for n, lab, sec, note in rows
            ]
            if stage_triples is not None:
                results["stage_graph_triples"] = stage_triples
    except Exception as err:  # report what was measured so far, then fail
        print(f"\nrun_build: {type(err).__name__}: {err}", file=sys.stderr)
        rc = 1
    finally:
        for p in tmpdir.iterdir():
            p.unlink()
        tmpdir.rmdir()

    # ---- summary ---------------------------------------------------------------------
    print("\nsummary")
    print(f"  descriptions          {n_docs}")
    if "in_process" in results:
        ip = results["in_process"]
        print(f"  wall time (in-proc)   median {fmt_s(ip['median_s'])}, best {fmt_s(ip['min_s'])} "
              f"over {len(ip['times_s'])} runs")
        print(f"  descriptions/s        {ip['descriptions_per_s_median']:.1f} (median run), "
              f"{ip['descriptions_per_s_best']:.1f} (best run)")
        print(f"  peak RSS (in-proc)    {ip['peak_rss_mib']:.0f} MiB")
    if "tracemalloc" in results:
        print(f"  peak Python heap      {results['tracemalloc']['peak_heap_mib']:.1f} MiB (tracemalloc)")
    if "subprocess" in results:
        sp = results["subprocess"]
        print(f"  wall time (subproc)   median {fmt_s(sp['median_s'])} -> "
              f"{sp['descriptions_per_s_median']:.1f} descriptions/s, child peak RSS {sp['peak_rss_mib']:.0f} MiB")
    if results.get("triples") is not None:
        print(f"  triples               {results['triples']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"  results written to {args.json}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
