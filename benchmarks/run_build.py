#!/usr/bin/env python3
"""Time `kg build` over a folder of descriptions: speed, memory, graph size, per-stage times.

    .venv/bin/python benchmarks/run_build.py                      # 1000 synthetic files, 3 repeats
    .venv/bin/python benchmarks/run_build.py --corpus seeds       # any folder of .txt/.md
    .venv/bin/python benchmarks/run_build.py --subprocess         # also time `kg build` as a child process

Without --corpus the synthetic corpus is (re)generated in benchmarks/corpus/
unless it already holds exactly the files of --count and --seed.

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
   stated claims -> link -> verify -> rdf -> serialize) timed separately over
   the whole corpus; a stage whose function is missing is listed as skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
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
    sys.path.insert(0, str(HERE))
    import generate  # benchmarks/generate.py

    have = {p.name for p in folder.iterdir() if p.suffix.lower() in SUFFIXES} if folder.is_dir() else set()
    want = {generate.make_document(args.seed, i)[0] for i in range(args.count)}
    if have != want:
        t = time.perf_counter()
        generate.generate(args.count, folder, args.seed)
        print(
            f"generated {args.count} descriptions in {folder} "
            f"(seed {args.seed}, {time.perf_counter() - t:.1f} s)"
        )
    else:
        print(
            f"using existing corpus {folder} ({len(have)} files, the same as --count {args.count} --seed {args.seed})"
        )
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
        path.suffix, "turtle"
    )
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
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "kg"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        if head:
            info["commit"] = head + (f" + {len(dirty)} uncommitted file(s) under kg/" if dirty else "")
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


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    ru = resource.getrusage(who)
    return ru.ru_utime + ru.ru_stime


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def run_cli_in_process(folder: Path, out: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of this process, what kg build printed)."""
    from kg.cli import main as kg_main

    buf = io.StringIO()
    gc.collect()
    c = cpu_seconds()
    t = time.perf_counter()
    with contextlib.redirect_stdout(buf):
        rc = kg_main(["build", str(folder), "-o", str(out)])
    elapsed = time.perf_counter() - t
    cpu = cpu_seconds() - c
    if rc != 0:
        raise RuntimeError(f"kg build exited with {rc}: {buf.getvalue().strip()}")
    return elapsed, cpu, buf.getvalue().strip()


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kg.cli"]


def run_cli_subprocess(folder: Path, out: Path) -> tuple[float, float, float, str]:
    """(wall seconds, child's CPU seconds, child's peak RSS in MiB, stdout)."""
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
    return elapsed, usage.ru_utime + usage.ru_stime, rss, stdout.strip()


# --------------------------------------------------------------------------
# per-stage timing
# --------------------------------------------------------------------------

# The stages as kg/pipeline.py composes them:
#   read_documents -> parse (each) -> extract (each) -> extract_stated_claims (each)
#   -> link (all) -> verify (each, with the linked metrics' direction)
#   -> to_dataset (all) -> serialize (Turtle).
# Every function is looked up at run time; a missing one (ImportError /
# AttributeError) makes that stage, and the stages that need its output,
# "skipped". extract_stated_claims is optional: without it the figures go on
# without stated claims, as they would without that step.


def _lookup(module: str, name: str) -> Callable:
    """The function, or ImportError/AttributeError."""
    return getattr(importlib.import_module(module), name)


def _each(fn: Callable, items: list, *extra) -> tuple[list, int]:
    """fn over every item; one item raising does not stop the stage."""
    out, failed = [], 0
    for k, item in enumerate(items):
        try:
            out.append(fn(item, *extra))
        except (TypeError, AttributeError):
            if k == 0:  # most likely an interface change: give up on the stage
                raise
            failed += 1
        except Exception:  # noqa: BLE001
            failed += 1
    return out, failed


StageRow = tuple[str, str, "float | None", str, "float | None"]


def time_stages(folder: Path) -> tuple[list[StageRow], int | None]:
    """[(stage, function, seconds or None, note, RSS MiB after the stage)], and the
    triple count of the stage-built dataset. Every stage's output stays alive until
    the end, as in a real build, so the RSS column grows with what is held."""
    from dataclasses import replace

    rows: list[StageRow] = []
    state: dict[str, object] = {}
    triples: int | None = None

    def stage(name: str, label: str, needs: str | None, body: Callable[[], str]) -> None:
        if needs is not None and needs not in state:
            rows.append((name, label, None, f"skipped: no output from {needs}", None))
            return
        gc.collect()
        t = time.perf_counter()
        try:
            note = body()
        except (ImportError, AttributeError) as err:
            rows.append((name, label, None, f"skipped: {type(err).__name__}: {err}", None))
            return
        except Exception as err:  # noqa: BLE001
            rows.append((name, label, None, f"failed: {type(err).__name__}: {err}", None))
            return
        rows.append((name, label, time.perf_counter() - t, note, current_rss_mib()))

    def read() -> str:
        state["documents"] = _lookup("kg.read", "read_documents")([str(folder)])
        return f"{len(state['documents'])} documents"

    def parse() -> str:
        state["figures"], bad = _each(_lookup("kg.parse", "parse"), state["documents"])
        return f"{len(state['figures'])} figures" + (f", {bad} raised" if bad else "")

    def extract() -> str:
        ex, bad = _each(_lookup("kg.extract", "extract"), state["figures"])
        state["extractions"] = ex
        empty = sum(1 for e in ex if not e.observations)
        obs = sum(len(e.observations) for e in ex)
        return (
            f"{obs} observations"
            + (f", {bad} raised" if bad else "")
            + (f", {empty} with no observation (kg build refuses those)" if empty else "")
        )

    def statements() -> str:
        fn = _lookup("kg.statements", "extract_stated_claims")
        out, bad, n = [], 0, 0
        for e in state["extractions"]:
            try:
                claims = fn(e.figure.sentences, e.mentions)
            except Exception:  # noqa: BLE001
                bad += 1
                claims = []
            n += len(claims)
            out.append(replace(e, claims=tuple(claims)))
        state["extractions"] = out
        return f"{n} stated claims" + (f", {bad} raised" if bad else "")

    def link() -> str:
        # link never sees a figure without observations in a real build
        usable = [e for e in state["extractions"] if e.observations]
        state["kb"] = _lookup("kg.link", "link")(usable)
        return f"{len(state['kb'].entities)} entities"

    def verify() -> str:
        fn = _lookup("kg.verify", "verify")
        kb = state["kb"]
        try:
            direction = _lookup("kg.pipeline", "_lower_is_better")
            pairs = [(f, direction(kb, f.source_file)) for f in kb.figures]
        except (ImportError, AttributeError):
            pairs = [(f, None) for f in kb.figures]
        out, bad = [], 0
        for f, d in pairs:
            try:
                out.append(fn(f, d))
            except Exception:  # noqa: BLE001
                bad += 1
                out.append(f)
        kb.figures = out
        n = sum(len(f.claims) for f in out)
        return f"{n} claims with verdicts" + (f", {bad} raised" if bad else "")

    def rdf() -> str:
        nonlocal triples
        ds = _lookup("kg.rdf", "to_dataset")(state["kb"])
        state["dataset"] = ds
        triples = sum(1 for _ in ds.quads((None, None, None, None)))
        return f"{triples} quads"

    def serialize() -> str:
        text = _lookup("kg.rdf", "serialize")(state["dataset"], "turtle")
        return f"{len(text) / 2**20:.1f} MiB of Turtle"

    def setup() -> str:
        # one-off cost of building the spaCy pipeline (entity rulers over the vocabulary),
        # kept out of the extract row; a real build pays it once per process
        _lookup("kg.nlp", "pipeline")()
        return "spaCy pipeline built (once per process)"

    stage("nlp", "kg.nlp.pipeline", None, setup)
    stage("read", "kg.read.read_documents", None, read)
    stage("parse", "kg.parse.parse", "documents", parse)
    stage("extract", "kg.extract.extract", "figures", extract)
    stage("claims", "kg.statements.extract_stated_claims", "extractions", statements)
    stage("link", "kg.link.link", "extractions", link)
    stage("verify", "kg.verify.verify", "kb", verify)
    stage("rdf", "kg.rdf.to_dataset", "kb", rdf)
    stage("serialize", "kg.rdf.serialize", "dataset", serialize)
    return rows, triples


def stages_in_child(folder: Path) -> tuple[list[StageRow], int | None, float | None]:
    """time_stages in a fresh interpreter, so its memory figures start clean.
    Returns the rows, the triple count and the child's peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--corpus", str(folder), "--stages-only"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"stage breakdown failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    rows = [tuple(r) for r in data["rows"]]
    return rows, data["triples"], data["peak_rss_mib"]


def _stages_only(folder: Path) -> int:
    before = current_rss_mib()
    rows, triples = time_stages(folder)
    print(
        json.dumps(
            {
                "rows": rows,
                "triples": triples,
                "rss_before_mib": before,
                "peak_rss_mib": maxrss_mib(resource.RUSAGE_SELF),
            }
        )
    )
    return 0


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
    ap.add_argument(
        "--json", metavar="FILE", help="also write the results as JSON (benchmarks/results/ is git-ignored)"
    )
    ap.add_argument("--stages-only", action="store_true", help=argparse.SUPPRESS)  # used by stages_in_child
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    if args.stages_only:
        return _stages_only(Path(args.corpus))
    folder = ensure_corpus(args)
    n_docs = count_inputs(folder)
    size_kib = sum(p.stat().st_size for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES) / 1024
    info = machine()
    print(
        f"machine: {info.get('cpu', '?')}, {info.get('nproc', info['cpus'])} cores, "
        f"{info.get('memory', '?')} RAM, Python {info['python']}; claimkg {info.get('commit', '?')}"
    )
    print(f"corpus: {folder} - {n_docs} descriptions, {size_kib:.0f} KiB; load average {load_average()}")
    results: dict = {
        "machine": info,
        "corpus": str(folder),
        "descriptions": n_docs,
        "corpus_kib": round(size_kib),
    }

    tmpdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out = tmpdir / "graph.ttl"
    rc = 0
    try:
        # ---- in-process ------------------------------------------------------
        t = time.perf_counter()
        import kg.cli  # noqa: F401  (imports are timed separately from the runs)

        import_s = time.perf_counter() - t
        rss_before = maxrss_mib(resource.RUSAGE_SELF)
        print(
            f"\nin-process: kg.cli.main(['build', {str(folder)!r}, '-o', tmp.ttl])  "
            f"[import kg.cli {import_s:.2f} s, RSS before first run {rss_before:.0f} MiB]"
        )
        times, cpus = [], []
        stats_line = ""
        for i in range(args.repeat):
            elapsed, cpu, stats_line = run_cli_in_process(folder, out)
            times.append(elapsed)
            cpus.append(cpu)
            print(
                f"  run {i + 1}: {fmt_s(elapsed)} wall, {fmt_s(cpu)} CPU  {n_docs / elapsed:7.1f} descriptions/s  "
                f"peak RSS so far {maxrss_mib(resource.RUSAGE_SELF):.0f} MiB  [load {load_average()}]",
                flush=True,
            )
        print(f"  kg build said: {stats_line}")
        s = summary(times)
        peak_rss = maxrss_mib(resource.RUSAGE_SELF)
        results["in_process"] = {
            "times_s": times,
            **{k + "_s": v for k, v in s.items()},
            "cpu_s": cpus,
            "descriptions_per_s_median": n_docs / s["median"],
            "descriptions_per_s_best": n_docs / s["min"],
            "descriptions_per_cpu_s_median": n_docs / statistics.median(cpus),
            "peak_rss_mib": peak_rss,
            "rss_before_first_run_mib": rss_before,
            "import_s": import_s,
            "kg_build_output": stats_line,
        }
        cur = current_rss_mib()
        if cur is not None:
            results["in_process"]["rss_after_runs_mib"] = cur

        # ---- tracemalloc -------------------------------------------------------
        if not args.no_tracemalloc:
            tracemalloc.start()
            t_elapsed, _, _ = run_cli_in_process(folder, out)
            _, heap_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            results["tracemalloc"] = {"peak_heap_mib": heap_peak / 2**20, "traced_run_s": t_elapsed}
            print(
                f"  tracemalloc run: peak Python heap {heap_peak / 2**20:.1f} MiB "
                f"(traced run took {fmt_s(t_elapsed)}; not a speed figure)"
            )

        triples = triple_count(out)
        results["triples"] = triples
        if args.keep:
            Path(args.keep).write_bytes(out.read_bytes())

        # ---- subprocess ----------------------------------------------------------
        if args.subprocess:
            cmd = " ".join(kg_command() + ["build", str(folder), "-o", "tmp.ttl"])
            print(f"\nsubprocess: {cmd}")
            sub_times, sub_cpus, sub_rss = [], [], []
            for i in range(args.repeat):
                elapsed, cpu, rss, _ = run_cli_subprocess(folder, tmpdir / "sub.ttl")
                sub_times.append(elapsed)
                sub_cpus.append(cpu)
                sub_rss.append(rss)
                print(
                    f"  run {i + 1}: {fmt_s(elapsed)} wall, {fmt_s(cpu)} CPU  {n_docs / elapsed:7.1f} descriptions/s  "
                    f"child peak RSS {rss:.0f} MiB  [load {load_average()}]",
                    flush=True,
                )
            children = maxrss_mib(resource.RUSAGE_CHILDREN)
            print(f"  RUSAGE_CHILDREN ru_maxrss: {children:.0f} MiB (largest child so far)")
            ss = summary(sub_times)
            results["subprocess"] = {
                "times_s": sub_times,
                **{k + "_s": v for k, v in ss.items()},
                "cpu_s": sub_cpus,
                "descriptions_per_s_median": n_docs / ss["median"],
                "peak_rss_mib": max(sub_rss),
                "descriptions_per_cpu_s_median": n_docs / statistics.median(sub_cpus),
                "rusage_children_maxrss_mib": children,
            }

        # ---- stages ----------------------------------------------------------------
        if not args.no_stages:
            print(
                "\nper-stage breakdown (one pass over the corpus, in a fresh interpreter; "
                "RSS = resident memory after the stage):",
                flush=True,
            )
            rows, stage_triples, stage_peak = stages_in_child(folder)
            done = [r for r in rows if r[2] is not None]
            total = sum(r[2] for r in done) or 1.0
            for name, label, secs, note, rss in rows:
                if secs is None:
                    print(f"  {name:9s} {label}  {note}")
                else:
                    print(
                        f"  {name:9s} {secs:8.2f} s {100 * secs / total:5.1f}%  "
                        f"{1000 * secs / max(n_docs, 1):7.2f} ms/description  RSS {rss or 0:5.0f} MiB  "
                        f"{label}  {note}"
                    )
            print(f"  total     {total:8.2f} s; peak RSS of the stage run {stage_peak:.0f} MiB")
            skipped = [r[0] for r in rows if r[2] is None]
            if skipped:
                print(f"  skipped stages: {', '.join(skipped)}")
            results["stages"] = [
                {"stage": n, "function": lab, "seconds": sec, "note": note, "rss_after_mib": rss}
                for n, lab, sec, note, rss in rows
            ]
            results["stages_peak_rss_mib"] = stage_peak
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
        print(
            f"  wall time (in-proc)   median {fmt_s(ip['median_s'])}, best {fmt_s(ip['min_s'])} "
            f"over {len(ip['times_s'])} runs"
        )
        print(
            f"  descriptions/s        {ip['descriptions_per_s_median']:.1f} (median run), "
            f"{ip['descriptions_per_s_best']:.1f} (best run); "
            f"{ip['descriptions_per_cpu_s_median']:.1f} per CPU-second"
        )
        print(f"  peak RSS (in-proc)    {ip['peak_rss_mib']:.0f} MiB")
    if "tracemalloc" in results:
        print(f"  peak Python heap      {results['tracemalloc']['peak_heap_mib']:.1f} MiB (tracemalloc)")
    if "subprocess" in results:
        sp = results["subprocess"]
        print(
            f"  wall time (subproc)   median {fmt_s(sp['median_s'])} -> "
            f"{sp['descriptions_per_s_median']:.1f} descriptions/s "
            f"({sp['descriptions_per_cpu_s_median']:.1f} per CPU-second), child peak RSS {sp['peak_rss_mib']:.0f} MiB"
        )
    if results.get("triples") is not None:
        print(f"  triples               {results['triples']}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        print(f"  results written to {args.json}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
