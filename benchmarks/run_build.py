#!/usr/bin/env python3
"""Time `kg build` over a folder of descriptions: speed, memory, graph size, per-stage times.

    .venv/bin/python benchmarks/run_build.py                      # 1000 synthetic files, 3 repeats
    .venv/bin/python benchmarks/run_build.py --corpus seeds       # any folder of .txt/.md
    .venv/bin/python benchmarks/run_build.py --subprocess         # also time `kg build` as a child process

Without --corpus the synthetic corpus is (re)generated in benchmarks/corpus/
unless it already holds exactly the files of --count and --seed.

What is measured, in this order:

1. with --subprocess: ``kg build`` in a fresh interpreter, --repeat times;
   wall and CPU time (includes interpreter start-up, imports and set-up) and
   the child's peak RSS (``os.wait4`` for that child; ``RUSAGE_CHILDREN`` is
   printed as well). These run first because on Linux a child's ru_maxrss
   starts at its parent's high-water mark (vfork + exec), which later, after
   the in-process builds, would be about a gigabyte.
2. unless --no-stages: one instrumented build in a fresh interpreter, each
   stage kg/pipeline.py calls (read -> parse -> extract -> stated claims ->
   link -> verify -> rdf -> serialize -> write) timed separately, with its
   memory; a stage whose function is missing is listed as skipped.
3. in-process: ``kg.cli.main(["build", DIR, "-o", tmp.ttl])``, --repeat times.
   Wall and CPU time per run, descriptions/s, and the process's peak RSS
   (``getrusage(RUSAGE_SELF).ru_maxrss``, a high-water mark over the whole
   process, so it also covers the imports and earlier repeats).
4. one more in-process run under ``tracemalloc``: peak Python-heap
   allocation. Tracing slows the run down, so its time is not a speed figure.
5. the triple count of the output graph (loaded with rdflib, not timed).
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


def _proc_status_mib(field: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def current_rss_mib() -> float | None:
    return _proc_status_mib("VmRSS:")


def own_peak_rss_mib() -> float:
    """This process's own high-water mark. Unlike ru_maxrss, VmHWM does not carry
    over the parent's peak: on Linux a child started with vfork+exec (as Python's
    subprocess does) gets ru_maxrss >= the parent's high-water mark."""
    hwm = _proc_status_mib("VmHWM:")
    return hwm if hwm is not None else maxrss_mib(resource.RUSAGE_SELF)


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

# The per-stage breakdown instruments the real pipeline instead of re-composing
# it: each stage function kg/pipeline.py calls is replaced, for one build, by a
# wrapper that adds up the time spent in it, then kg.pipeline.build_to_file
# runs as `kg build` would run it. The breakdown therefore follows the pipeline
# when its stages change signature or order. A stage function that kg does not
# have (ImportError / AttributeError) is reported as skipped; its time, if the
# pipeline does the work some other way, lands in "other".
# stage -> the names the pipeline may call it by, as (module, attribute). Every
# one that exists is wrapped; a stage none of whose names exist is skipped.
STAGES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "read",
        [
            ("kg.pipeline", "read_document"),
            ("kg.pipeline", "find_inputs"),
        ],
    ),
    ("parse", [("kg.pipeline", "parse")]),
    ("extract", [("kg.pipeline", "extract")]),
    ("claims", [("kg.pipeline", "extract_stated_claims"), ("kg.statements", "extract_stated_claims")]),
    ("link", [("kg.pipeline", "link")]),
    ("verify", [("kg.pipeline", "verify")]),
    ("rdf", [("kg.pipeline", "to_dataset")]),
    ("serialize", [("kg.pipeline", "serialize")]),
    ("write", [("kg.pipeline", "write_text"), ("kg.pipeline", "write_atomic")]),
]

# stage, function, seconds or None, calls, RSS retained (MiB), peak RSS while it ran (MiB), note
StageRow = tuple[str, str, "float | None", int, "float | None", "float | None", str]


def _lookup(module: str, name: str) -> Callable:
    """The function, or ImportError/AttributeError."""
    return getattr(importlib.import_module(module), name)


class _Sampler:
    """Reads VmRSS every few milliseconds in a thread and keeps the highest value
    seen while each stage runs (ru_maxrss cannot be split by stage: the kernel
    updates the high-water mark lazily)."""

    def __init__(self, interval: float = 0.005) -> None:
        import threading

        self.interval = interval
        self.stage: str | None = None
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            stage = self.stage
            rss = current_rss_mib()
            if stage is not None and rss is not None and rss > self.peaks.get(stage, 0.0):
                self.peaks[stage] = rss

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


class _StageClock:
    """Time, calls and resident-memory growth of one stage, over all its names."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.labels: list[str] = []
        self.seconds = 0.0
        self.calls = 0
        self.retained = 0.0  # sum of VmRSS growth over the calls
        self.last = None


class _Probe:
    """Stands in for one stage function during the instrumented build."""

    def __init__(self, clock: _StageClock, fn: Callable, sampler: _Sampler) -> None:
        self.clock = clock
        self.fn = fn
        self.sampler = sampler

    def __call__(self, *args, **kwargs):
        clock = self.clock
        if self.sampler.stage == clock.stage:  # one name of the stage calling another
            return self.fn(*args, **kwargs)
        rss0 = current_rss_mib() or 0.0
        outer = self.sampler.stage
        self.sampler.stage = clock.stage
        t = time.perf_counter()
        try:
            result = self.fn(*args, **kwargs)
        finally:
            clock.seconds += time.perf_counter() - t
            self.sampler.stage = outer
            clock.calls += 1
            rss1 = current_rss_mib() or 0.0
            clock.retained += rss1 - rss0
            if rss1 > self.sampler.peaks.get(clock.stage, 0.0):
                self.sampler.peaks[clock.stage] = rss1
        clock.last = result
        return result


def time_stages(folder: Path) -> tuple[list[StageRow], int | None, float]:
    """Stage rows, the triple count of the built dataset, total build seconds."""
    rows: list[StageRow] = []
    try:
        nlp = _lookup("kg.nlp", "pipeline")
        t = time.perf_counter()
        nlp()  # the spaCy pipeline: a one-off cost per process, kept out of the stage rows
        rows.append(
            ("nlp", "kg.nlp.pipeline", time.perf_counter() - t, 1, current_rss_mib(), None, "set-up, once")
        )
    except (ImportError, AttributeError) as err:
        rows.append(("nlp", "kg.nlp.pipeline", None, 0, None, None, f"skipped: {err}"))
    sampler = _Sampler()
    clocks: dict[str, _StageClock] = {}
    patched: list[tuple[object, str, Callable]] = []
    for stage, names in STAGES:
        clock = _StageClock(stage)
        for module, attr in names:
            try:
                mod = importlib.import_module(module)
                fn = getattr(mod, attr)
            except (ImportError, AttributeError):
                continue
            setattr(mod, attr, _Probe(clock, fn, sampler))
            patched.append((mod, attr, fn))
            clock.labels.append(f"{module}.{attr}")
        if clock.labels:
            clocks[stage] = clock
        else:
            tried = ", ".join(f"{m}.{a}" for m, a in names)
            rows.append((stage, tried, None, 0, None, None, "skipped: kg has none of these"))
    triples = None
    try:
        build = _lookup("kg.pipeline", "build_to_file")
        with tempfile.TemporaryDirectory(prefix="kg-bench-stages-") as tmp, sampler:
            gc.collect()
            sampler.stage = "other"
            t = time.perf_counter()
            stats = build([str(folder)], Path(tmp) / "graph.ttl")
            total = time.perf_counter() - t
            sampler.stage = None
    finally:
        for mod, attr, fn in patched:
            setattr(mod, attr, fn)
    for stage, _names in STAGES:
        clock = clocks.get(stage)
        if clock is None:
            continue
        note = ""
        if clock.calls == 0:
            note = "never called by the pipeline"
        elif stage == "rdf" and clock.last is not None:
            triples = sum(1 for _ in clock.last.quads((None, None, None, None)))
            note = f"{triples} quads"
        elif stage == "serialize" and isinstance(clock.last, str):
            note = f"{len(clock.last) / 2**20:.1f} MiB of text"
        elif stage == "verify":
            note = f"{getattr(stats, 'claims', '?')} claims"
        elif stage == "extract":
            note = f"{getattr(stats, 'observations', '?')} observations"
        elif stage == "link":
            note = f"{getattr(stats, 'entities', '?')} entities"
        elif stage == "read":
            note = f"{getattr(stats, 'figures', '?')} figures"
        label = "+".join(clock.labels)
        rows.append(
            (stage, label, clock.seconds, clock.calls, clock.retained, sampler.peaks.get(stage), note)
        )
    staged = sum(r[2] for r in rows if r[2] is not None and r[0] != "nlp")
    rows.append(("other", "glue", max(0.0, total - staged), 1, None, sampler.peaks.get("other"), ""))
    return rows, triples, total


def stages_in_child(folder: Path) -> dict:
    """time_stages in a fresh interpreter, so its memory figures start clean."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--corpus", str(folder), "--stages-only"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"stage breakdown failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _stages_only(folder: Path) -> int:
    before = current_rss_mib()
    rows, triples, total = time_stages(folder)
    print(
        json.dumps(
            {
                "rows": rows,
                "triples": triples,
                "build_s": total,
                "rss_before_mib": before,
                "peak_rss_mib": own_peak_rss_mib(),
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
        # ---- subprocess ----------------------------------------------------------
        if args.subprocess:
            cmd = " ".join(kg_command() + ["build", str(folder), "-o", "tmp.ttl"])
            print(f"\nsubprocess: {cmd}  [claimkg {machine().get('commit', '?')}]")
            # run before any in-process build: a child's ru_maxrss starts at the parent's peak
            print(
                f"  (this process's own peak RSS so far: {own_peak_rss_mib():.0f} MiB, a floor for the figures below)"
            )
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
            print(f"  RUSAGE_CHILDREN ru_maxrss: {children:.0f} MiB (largest child so far)", flush=True)
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
                "\nper-stage breakdown (one instrumented kg.pipeline.build_to_file in a fresh interpreter; "
                "kept = resident-memory growth over the stage's calls, peak = highest RSS seen while it ran):",
                flush=True,
            )
            results["stages_commit"] = machine().get("commit")
            data = stages_in_child(folder)
            rows = [tuple(r) for r in data["rows"]]
            build_s = data["build_s"]
            for name, label, secs, calls, kept, peak, note in rows:
                if secs is None:
                    print(f"  {name:9s} {label}  {note}")
                    continue
                share = "" if name == "nlp" else f"{100 * secs / build_s:5.1f}%"
                mem = ""
                if name == "nlp":
                    mem = f"RSS {kept or 0:5.0f} MiB after"
                else:
                    if kept is not None:
                        mem = f"kept {kept:+5.0f} MiB, "
                    if peak is not None:
                        mem += f"peak {peak:5.0f} MiB"
                print(
                    f"  {name:9s} {secs:8.2f} s {share:>6s} {1000 * secs / max(n_docs, 1):7.2f} ms/description  "
                    f"{mem:28s} {note:22s} {label} x{calls}"
                )
            print(
                f"  build     {build_s:8.2f} s (kg.pipeline.build_to_file, without nlp set-up); "
                f"peak RSS of the stage run {data['peak_rss_mib']:.0f} MiB"
            )
            skipped = [r[0] for r in rows if r[2] is None]
            if skipped:
                print(f"  skipped stages: {', '.join(skipped)}")
            results["stages"] = [
                {
                    "stage": n,
                    "function": lab,
                    "seconds": sec,
                    "calls": calls,
                    "rss_kept_mib": kept,
                    "peak_rss_mib": peak,
                    "note": note,
                }
                for n, lab, sec, calls, kept, peak, note in rows
            ]
            results["stages_build_s"] = build_s
            results["stages_peak_rss_mib"] = data["peak_rss_mib"]
            if data["triples"] is not None:
                results["stage_graph_quads"] = data["triples"]
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
