#!/usr/bin/env python3
"""Write synthetic figure descriptions for benchmarking `kg build`.

    python benchmarks/generate.py --count 1000 --out benchmarks/corpus --seed 0

Each file imitates the kinds of text a vision-language model writes about an
ML result figure: markdown sections (Overview / Components/Axes / Detailed
Analysis / Key Observations / Interpretation), "Technical Document
Extraction" documents, multi-panel figures and grids, scatter plots, tables,
heat maps and prose. The numbers are drawn per figure, then the text is
rendered from one of several templates. Some files carry deliberate
mistakes: a value beyond the stated axis range, an "X consistently
outperforms Y" claim that the numbers refute, or a text cut off mid-sentence.

Output is deterministic for a given --seed (and document i depends only on
the seed and i, so a larger --count extends a smaller one). Only the
descriptions are written; there is no gold. Files written by an earlier run
(``syn*_*.md`` / ``syn*_*.txt``) in the output folder are removed first.

Standard library only.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------


def _pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def _qwen(r):
    ver = _pick(r, ["1.5", "2", "2.5", "3"])
    size = _pick(r, ["0.5B", "1.8B", "4B", "7B", "14B", "32B", "72B"])
    suf = _pick(r, ["", "-Chat", "-Instruct", "-Instruct", "-Base", "-Math"])
    return f"Qwen{ver}-{size}{suf}"


def _llama(r):
    ver = _pick(r, ["2", "3", "3.1", "3.2", "3.3"])
    size = _pick(r, ["1B", "3B", "7B", "8B", "13B", "70B"])
    suf = _pick(r, ["", "", "-Instruct", "-Chat"])
    style = r.randrange(4)
    if style == 0:
        return f"Llama{ver}-{size}{suf}"
    if style == 1:
        return f"Llama-{ver}-{size}{suf}"
    if style == 2:
        return f"LLaMA-{ver}-{size}{suf}"
    return f"Llama {ver}{suf}-{size}" if suf else f"Llama {ver}-{size}"


def _mistral(r):
    if r.random() < 0.3:
        return f"Mixtral-{_pick(r, ['8x7B', '8x22B'])}{_pick(r, ['', '-Instruct'])}-v0.1"
    return f"Mistral-7B{_pick(r, ['', '-Instruct'])}-v0.{r.randint(1, 3)}"


def _gemma(r):
    ver = _pick(r, ["", "-2", "-3", "-1.1"])
    size = _pick(r, ["2B", "7B", "9B", "27B", "4B"])
    return f"Gemma{ver}-{size}{_pick(r, ['', '-it'])}"


def _phi(r):
    ver = _pick(r, ["2", "3", "3.5", "4"])
    if ver == "2":
        return "Phi-2"
    return f"Phi-{ver}-{_pick(r, ['mini', 'small', 'medium'])}{_pick(r, ['', '-instruct'])}"


def _deepseek(r):
    k = r.randrange(4)
    if k == 0:
        return f"DeepSeek-R1-Distill-{_pick(r, ['Qwen', 'Llama'])}-{_pick(r, ['1.5B', '7B', '8B', '14B', '32B'])}"
    if k == 1:
        return f"DeepSeek-Coder-{_pick(r, ['1.3B', '6.7B', '33B'])}-{_pick(r, ['Base', 'Instruct'])}"
    if k == 2:
        return f"DeepSeek-V{_pick(r, ['2', '2.5', '3'])}{_pick(r, ['', '-Lite', '-Chat'])}"
    return f"DeepSeek-LLM-{_pick(r, ['7B', '67B'])}-Chat"


def _other(r):
    fam = r.randrange(8)
    if fam == 0:
        return f"Yi-{_pick(r, ['1.5-', ''])}{_pick(r, ['6B', '9B', '34B'])}{_pick(r, ['', '-Chat'])}"
    if fam == 1:
        return f"InternLM{_pick(r, ['2', '2.5'])}-{_pick(r, ['1.8B', '7B', '20B'])}{_pick(r, ['', '-Chat'])}"
    if fam == 2:
        return f"OLMo-{_pick(r, ['', '2-'])}{_pick(r, ['1B', '7B', '13B'])}{_pick(r, ['', '-Instruct'])}"
    if fam == 3:
        return f"Falcon{_pick(r, ['', '3'])}-{_pick(r, ['7B', '10B', '40B'])}{_pick(r, ['', '-Instruct'])}"
    if fam == 4:
        return f"Vicuna-{_pick(r, ['7B', '13B', '33B'])}-v1.{_pick(r, ['3', '5'])}"
    if fam == 5:
        return (
            f"MiniCPM{_pick(r, ['', '2', '3'])}-{_pick(r, ['1.2B', '2B', '4B'])}-{_pick(r, ['SFT', 'DPO'])}"
        )
    if fam == 6:
        return f"StableLM-2-{_pick(r, ['1.6B', '12B'])}{_pick(r, ['', '-Chat', '-Zephyr'])}"
    return f"Baichuan2-{_pick(r, ['7B', '13B'])}-{_pick(r, ['Base', 'Chat'])}"


CLOSED_MODELS = [
    "GPT-4o",
    "GPT-4o-mini",
    "GPT-4-Turbo",
    "GPT-3.5-Turbo",
    "Claude-3.5-Sonnet",
    "Claude-3-Haiku",
    "Gemini-1.5-Pro",
    "Gemini-1.5-Flash",
    "Gemini-2.0-Flash",
    "o1-mini",
]
MODEL_MAKERS = [_qwen, _qwen, _llama, _llama, _mistral, _gemma, _phi, _deepseek, _other, _other]


def model_name(r: random.Random) -> str:
    if r.random() < 0.08:
        return _pick(r, CLOSED_MODELS)
    return _pick(r, MODEL_MAKERS)(r)


def models(r: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        m = model_name(r)
        if m not in out:
            out.append(m)
    return out


KNOWN_METHODS = [
    "LoRA",
    "QLoRA",
    "DoRA",
    "GPTQ",
    "AWQ",
    "SmoothQuant",
    "SnapKV",
    "H2O",
    "StreamingLLM",
    "PyramidKV",
    "Medusa",
    "EAGLE",
    "SpecTr",
    "DPO",
    "PPO",
    "GRPO",
    "SFT",
    "RAG",
    "Self-RAG",
    "Chain-of-Thought",
    "Self-Consistency",
    "Tree-of-Thoughts",
    "ReAct",
    "Reflexion",
    "Full FT",
    "Prefix Tuning",
    "BitFit",
    "SparseGPT",
    "Wanda",
    "FlashAttention",
    "Greedy Decoding",
]
ACRO_SUFFIX = ["", "", "", "-S", "-C", "-Lite", "++", "-v2", "-L", "-Base"]


def invented_method(r: random.Random) -> str:
    letters = "ABCDEFGHIKLMNPRSTVWX"
    n = r.randint(2, 5)
    word = "".join(_pick(r, letters) for _ in range(n))
    if r.random() < 0.25:
        word = word[0] + word[1:].lower() + _pick(r, ["Net", "Former", "Quant", "KV", "Prune"])
    return word + _pick(r, ACRO_SUFFIX)


def methods(r: random.Random, n: int, ours: bool = True) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        m = _pick(r, KNOWN_METHODS) if r.random() < 0.55 else invented_method(r)
        if m not in out:
            out.append(m)
    if ours and r.random() < 0.5:
        out[-1] = out[-1] + " (ours)" if r.random() < 0.5 else "Ours"
    return out


# dataset -> kind; kind -> metrics that make sense for it
DATASETS = {
    "math": ["GSM8K", "MATH", "MATH-500", "AIME24", "AIME25", "AMC23", "SVAMP", "ASDiv"],
    "code": ["HumanEval", "MBPP", "HumanEval+", "LiveCodeBench", "DS-1000"],
    "knowledge": [
        "MMLU",
        "MMLU-Pro",
        "ARC-C",
        "ARC-E",
        "HellaSwag",
        "WinoGrande",
        "PIQA",
        "BoolQ",
        "GPQA",
        "GPQA-D",
        "BBH",
        "TruthfulQA",
    ],
    "qa": ["TriviaQA", "NaturalQuestions", "HotpotQA", "SQuAD", "2WikiMultihopQA", "MuSiQue"],
    "glue": ["CoLA", "MNLI", "QNLI", "QQP", "SST-2", "STS-B", "RTE", "MRPC"],
    "lm": ["WikiText-2", "C4", "PTB", "Pile"],
    "long": ["LongBench", "RULER", "InfiniteBench", "Needle-in-a-Haystack"],
    "mt": ["WMT14 En-De", "WMT16 En-Ro", "Flores-200", "IWSLT14"],
    "summ": ["XSum", "CNN/DM", "Dolly", "MT-Bench"],
    "vision": ["CIFAR-10", "CIFAR-100", "ImageNet", "Tiny-ImageNet"],
    "retrieval": ["BEIR", "MS MARCO", "NQ-Retrieval", "MTEB"],
}


@dataclass(frozen=True)
class Metric:
    name: str
    low: float
    high: float
    decimals: int
    unit: str | None = None  # "%", "ms", "tokens/s", ...
    lower_better: bool = False
    bounded: float | None = None  # hard ceiling (100 for percentages, 1 for ratios)


ACC = Metric("Accuracy", 20, 95, 1, "%", bounded=100)
METRICS = {
    "math": [
        ACC,
        Metric("Pass@1", 10, 90, 1, "%", bounded=100),
        Metric("Exact Match", 15, 90, 1, "%", bounded=100),
    ],
    "code": [Metric("Pass@1", 10, 85, 1, "%", bounded=100), Metric("Pass@10", 25, 95, 1, "%", bounded=100)],
    "knowledge": [
        ACC,
        Metric("Accuracy (5-shot)", 30, 90, 1, "%", bounded=100),
        Metric("Normalized Accuracy", 30, 90, 2, bounded=100),
    ],
    "qa": [
        Metric("F1", 20, 85, 1, bounded=100),
        Metric("Exact Match", 15, 75, 1, "%", bounded=100),
        Metric("Recall@5", 0.3, 0.95, 3, bounded=1),
    ],
    "glue": [ACC, Metric("Mcc", 30, 65, 1), Metric("Pearson", 80, 92, 1), Metric("F1", 80, 93, 1)],
    "lm": [
        Metric("Perplexity", 3, 30, 2, lower_better=True),
        Metric("Loss", 1.5, 4.0, 2, lower_better=True),
        Metric("Bits per Byte", 0.6, 1.2, 3, lower_better=True),
    ],
    "long": [
        Metric("Average Score", 20, 60, 1),
        ACC,
        Metric("Retrieval Accuracy", 40, 100, 1, "%", bounded=100),
    ],
    "mt": [Metric("BLEU", 12, 42, 1), Metric("chrF", 30, 65, 1), Metric("COMET", 70, 88, 1)],
    "summ": [
        Metric("ROUGE-L", 15, 45, 1),
        Metric("ROUGE-2", 5, 25, 1),
        Metric("Win Rate", 10, 90, 1, "%", bounded=100),
    ],
    "vision": [
        Metric("Top-1 Accuracy", 45, 90, 1, "%", bounded=100),
        Metric("Test Accuracy", 45, 95, 1, "%", bounded=100),
    ],
    "retrieval": [
        Metric("NDCG@10", 0.35, 0.75, 3, bounded=1),
        Metric("MRR@10", 0.25, 0.45, 3, bounded=1),
        Metric("Recall@100", 0.6, 0.98, 3, bounded=1),
    ],
}
EFFICIENCY = [
    Metric("Throughput", 150, 2500, 0, "tokens/s"),
    Metric("Throughput (TPS)", 200, 900, 0, "TPS"),
    Metric("Latency", 20, 600, 0, "ms", lower_better=True),
    Metric("Peak Memory", 4, 80, 1, "GB", lower_better=True),
    Metric("Speedup", 1.0, 4.0, 2, "x"),
    Metric("Decoding Speed", 300, 1200, 0, "token/sec"),
]


@dataclass(frozen=True)
class Param:
    name: str
    values: tuple  # numeric x values
    abbr: str  # short prefix for "KV 2500: ~40" style lines
    symbol: str | None = None  # "d₁", "k", "τ", ...
    unit_word: str = ""  # "tokens", "bits", ...
    fmt: str = "{:g}"
    scale: str = "linear"


PARAMS = [
    Param("KV Budget", (512, 1024, 2048, 3072, 4096), "KV", unit_word="tokens"),
    Param("KV Budget", (2500, 3000, 3500, 4000, 4500, 5000), "KV"),
    Param(
        "Context Length", (4096, 8192, 16384, 32768, 65536, 131072), "Ctx", unit_word="tokens", scale="log"
    ),
    Param("Number of Shots", (0, 1, 2, 4, 8, 16, 32), "K", symbol="K", unit_word="shots"),
    Param("Bit-width", (16, 8, 4, 3, 2), "W", unit_word="bits"),
    Param("Compression Rate", (5, 10, 15, 20, 25, 30), "CR"),
    Param("Training Steps", (1000, 2000, 4000, 8000, 16000), "Step", unit_word="steps", scale="log"),
    Param("Temperature", (0.1, 0.3, 0.5, 0.7, 0.9, 1.1), "T", symbol="T"),
    Param("Batch Size", (1, 4, 16, 64, 256), "BS", unit_word="sequences", scale="log"),
    Param("Sampled Reasoning Paths", (1, 5, 10, 20, 40), "N", symbol="N", unit_word="paths"),
    Param("LoRA Rank", (4, 8, 16, 32, 64, 128), "r", symbol="r", scale="log"),
    Param("Draft Length", (2, 4, 6, 8, 10), "γ", symbol="γ", unit_word="tokens"),
    Param("Sparsity", (0, 10, 30, 50, 70), "S", unit_word="%"),
    Param("Embedding Dimension", (128, 256, 512, 768, 1536, 3072), "dim", symbol="d"),
    Param("Retrieved Documents", (1, 3, 5, 10, 20), "top-k", symbol="k", unit_word="documents"),
    Param("Epochs", (1, 2, 3, 4, 5, 6), "Ep", unit_word="epochs"),
    Param("Hidden Size", (100, 200, 300, 400, 500), "d₁", symbol="d₁"),
    Param("Number of Tokens at the Target", (6, 10, 14, 21, 30), "n", unit_word="tokens"),
    Param("Trial Number", (0, 2, 4, 6, 8, 10), "Trial", unit_word="trials"),
    Param("Learning Rate", (1e-5, 3e-5, 1e-4, 3e-4, 1e-3), "lr", symbol="η", fmt="{:.0e}", scale="log"),
]

COLORS = [
    "Blue",
    "Orange",
    "Green",
    "Red",
    "Purple",
    "Brown",
    "Pink",
    "Gray",
    "Olive",
    "Cyan",
    "Teal",
    "Yellow",
    "Salmon",
    "Dark Blue",
    "Light Green",
    "Magenta",
    "Navy",
    "Gold",
]
MARKERS = ["circle", "square", "triangle", "diamond", "star", "cross", "x", "plus", "pentagon"]
LINESTYLES = ["solid", "dashed", "dotted", "dash-dot"]
POSITIONS = [
    "top-left",
    "top-right",
    "bottom-right",
    "bottom-left",
    "upper center",
    "lower right",
    "center-left",
    "right side, outside the plot area",
]
APPROX = ["~", "~", "≈ ", "approximately ", "about ", "roughly ", "", ""]


# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------


def nice_step(span: float, target: int) -> float:
    if span <= 0:
        return 1.0
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def fmt_num(v: float, decimals: int) -> str:
    if decimals <= 0:
        return str(int(round(v)))
    return f"{v:.{decimals}f}"


def fmt_tick(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return f"{v:.3f}".rstrip("0").rstrip(".")


@dataclass
class Series:
    name: str
    values: list[float]
    color: str
    marker: str
    line: str


@dataclass
class Panel:
    title: str
    dataset: str
    metric: Metric
    model: str | None
    series: list[Series]
    y_low: float = 0.0
    y_high: float = 0.0
    y_step: float = 1.0


@dataclass
class Figure:
    rng: random.Random
    param: Param
    x: list
    panels: list[Panel]
    model: str
    kind: str
    mistakes: set[str] = field(default_factory=set)
    false_claim: tuple[str, str] | None = None  # (winner, loser) that the numbers refute
    exceed: tuple[str, float] | None = None  # (series, value) beyond the axis


def curve(r: random.Random, n: int, m: Metric, base_frac: float, shape: str) -> list[float]:
    span_full = m.high - m.low
    base = m.low + base_frac * span_full
    amp = span_full * r.uniform(0.08, 0.35)
    out = []
    for i in range(n):
        t = i / max(1, n - 1)
        if shape == "up":
            f = 1 - math.exp(-3 * t)
        elif shape == "down":
            f = -(1 - math.exp(-2.5 * t))
        elif shape == "linear_up":
            f = t
        elif shape == "linear_down":
            f = -t
        elif shape == "peak":
            f = 1 - (2 * t - 0.8) ** 2
        else:  # flat
            f = 0.0
        noise = r.gauss(0, 0.03) * span_full
        out.append(base + amp * f + noise)
    lo, hi = m.low * 0.9, (m.bounded if m.bounded else m.high * 1.1)
    return [round(min(hi, max(lo, v)), m.decimals if m.decimals > 0 else 0) for v in out]


def make_series(
    r: random.Random, names: list[str], n: int, m: Metric, shape: str | None = None
) -> list[Series]:
    shape = shape or _pick(r, ["up", "up", "linear_up", "down", "linear_down", "peak", "flat"])
    colors = r.sample(COLORS, len(names))
    base = r.uniform(0.15, 0.55)
    gap = r.uniform(0.03, 0.1)
    order = list(range(len(names)))
    r.shuffle(order)
    out = []
    for k, name in enumerate(names):
        s_shape = shape if r.random() < 0.8 else _pick(r, ["up", "down", "flat", "peak"])
        vals = curve(r, n, m, base + gap * order[k], s_shape)
        out.append(Series(name, vals, colors[k], _pick(r, MARKERS), _pick(r, LINESTYLES)))
    return out


def set_axis(p: Panel) -> None:
    vals = [v for s in p.series for v in s.values]
    lo, hi = min(vals), max(vals)
    step = nice_step(hi - lo if hi > lo else abs(hi) or 1, 5)
    p.y_step = step
    p.y_low = math.floor(lo / step) * step
    p.y_high = math.ceil(hi / step) * step
    if p.y_high == hi:  # leave a little headroom
        p.y_high += step
    if p.metric.bounded is not None:
        p.y_high = min(p.y_high, p.metric.bounded)
    if p.y_low < 0 <= lo:
        p.y_low = 0


def inject_mistakes(f: Figure) -> None:
    r = f.rng
    if "exceed" in f.mistakes:
        p = _pick(r, f.panels)
        s = _pick(r, p.series)
        i = r.randrange(len(s.values))
        v = p.y_high + p.y_step * r.uniform(0.15, 0.9)
        if p.metric.decimals > 0:
            v = round(v, p.metric.decimals)
        else:
            v = float(round(v))
        s.values[i] = v
        f.exceed = (s.name, v)
    if "false_claim" in f.mistakes:
        p = f.panels[0]
        if len(p.series) >= 2:
            a, b = p.series[0], p.series[1]
            sign = -1 if p.metric.lower_better else 1
            if sum(b.values) * sign > sum(a.values) * sign:
                a, b = b, a
            # make b better than a at one x while a stays better on average
            i = r.randrange(len(a.values))
            delta = max(abs(a.values[i]) * 0.04, 10 ** -max(p.metric.decimals, 0))
            b.values[i] = round(a.values[i] + sign * delta, max(p.metric.decimals, 0))
            f.false_claim = (a.name, b.name)


def better(m: Metric, a: float, b: float) -> bool:
    return a < b if m.lower_better else a > b


def always_better(m: Metric, a: Series, b: Series) -> bool:
    return all(better(m, x, y) for x, y in zip(a.values, b.values))


def trend_word(vals: list[float]) -> str:
    if len(vals) < 2:
        return "flat"
    d = vals[-1] - vals[0]
    span = max(vals) - min(vals) or 1
    peak = vals.index(max(vals))
    trough = vals.index(min(vals))
    if 0 < peak < len(vals) - 1 and max(vals) - max(vals[0], vals[-1]) > 0.3 * span:
        return "peak"
    if 0 < trough < len(vals) - 1 and min(vals[0], vals[-1]) - min(vals) > 0.3 * span:
        return "dip"
    rel = abs(d) / (abs(vals[0]) or 1)
    if rel < 0.02:
        return "flat"
    return "up" if d > 0 else "down"


TREND_TEXT = {
    "up": [
        "increases steadily",
        "rises",
        "shows an upward trend",
        "climbs",
        "grows monotonically",
        "improves",
    ],
    "down": ["decreases", "declines steadily", "falls", "shows a downward trend", "drops"],
    "flat": ["stays roughly flat", "remains stable", "is nearly constant", "barely changes"],
    "peak": [
        "rises to a peak and then declines",
        "peaks in the middle of the range",
        "increases first, then falls off",
    ],
    "dip": ["dips in the middle before recovering", "drops and then recovers"],
}


TREND_PLURAL = {
    "up": ["increase", "rise", "show an upward trend", "climb", "improve"],
    "down": ["decrease", "decline", "fall", "show a downward trend", "drop"],
    "flat": ["stay roughly flat", "remain stable", "are nearly constant"],
    "peak": ["rise to a peak and then decline", "peak in the middle of the range"],
    "dip": ["dip in the middle before recovering", "drop and then recover"],
}


def cap(text: str) -> str:
    """Upper-case the first letter only (names like Qwen2.5-7B keep their case)."""
    return text[:1].upper() + text[1:]


def plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "x", "sh")) else "s")


def trend_sentence(r: random.Random, s: Series, p: Param, f: Figure) -> str:
    t = trend_word(s.values)
    return f"{s.name} {_pick(r, TREND_TEXT[t])} as {p.name.lower()} increases"


# --------------------------------------------------------------------------
# figure builders
# --------------------------------------------------------------------------


def pick_dataset(r: random.Random, kind: str | None = None) -> tuple[str, str]:
    kind = kind or _pick(r, list(DATASETS))
    return _pick(r, DATASETS[kind]), kind


def pick_metric(r: random.Random, kind: str) -> Metric:
    if r.random() < 0.1:
        return _pick(r, EFFICIENCY)
    return _pick(r, METRICS[kind])


def x_values(r: random.Random, p: Param) -> list:
    vals = list(p.values)
    if len(vals) > 4 and r.random() < 0.3:
        drop = r.randrange(1, len(vals) - 1)
        vals.pop(drop)
    return vals


def line_figure(
    r: random.Random,
    n_series: int,
    n_panels: int = 1,
    same_metric: bool = True,
    use_models: bool | None = None,
) -> Figure:
    param = _pick(r, PARAMS)
    xs = x_values(r, param)
    kind = _pick(r, list(DATASETS))
    model = model_name(r)
    if use_models is None:
        use_models = r.random() < 0.4
    names = models(r, n_series) if use_models else methods(r, n_series)
    metric = pick_metric(r, kind)
    datasets = r.sample(DATASETS[kind], min(n_panels, len(DATASETS[kind])))
    while len(datasets) < n_panels:
        datasets.append(pick_dataset(r)[0])
    panels = []
    shape = None if r.random() < 0.5 else _pick(r, ["up", "down", "peak"])
    for ds in datasets:
        m = metric if same_metric else pick_metric(r, kind)
        series = make_series(r, names, len(xs), m, shape)
        p = Panel(ds, ds, m, model, series)
        set_axis(p)
        panels.append(p)
    return Figure(r, param, xs, panels, model, kind)


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------


def ax(r: random.Random) -> str:
    return _pick(r, APPROX)


def val(r: random.Random, v: float, m: Metric, approx: str | None = None, unit: bool | None = None) -> str:
    a = ax(r) if approx is None else approx
    s = fmt_num(v, m.decimals)
    if unit is None:
        unit = r.random() < 0.3
    if unit and m.unit:
        s += m.unit if m.unit in ("%", "x") else f" {m.unit}"
    return a + s


def xfmt(p: Param, x) -> str:
    return p.fmt.format(x)


def bullet(r: random.Random) -> str:
    return _pick(r, ["*", "-", "-", "*"])


def axis_line(r: random.Random, label: str, p: Panel) -> str:
    lo, hi, st = fmt_tick(p.y_low), fmt_tick(p.y_high), fmt_tick(p.y_step)
    unit = f" ({p.metric.unit})" if p.metric.unit and r.random() < 0.5 else ""
    return _pick(
        r,
        [
            f"**{label}{unit}**: Ranges from {lo} to {hi} in increments of {st}.",
            f"**{label}{unit}**: Linear scale from {lo} to {hi}.",
            f"**Label:** `{p.metric.name}`{unit}. **Scale:** {lo} to {hi}, ticks every {st}.",
            f"{label}{unit}, ranging from {lo} to {hi}.",
        ],
    )


def x_axis_line(r: random.Random, f: Figure) -> str:
    ticks = ", ".join(xfmt(f.param, x) for x in f.x)
    sc = f" ({f.param.scale} scale)" if f.param.scale == "log" and r.random() < 0.7 else ""
    lab = f.param.name + (f" ({f.param.symbol})" if f.param.symbol and r.random() < 0.4 else "")
    return _pick(
        r,
        [
            f"**{lab}**{sc}: values {ticks}.",
            f"**{lab}**{sc}: markers at {ticks}.",
            f'Labeled "{lab}"{sc}. Ticks: {ticks}.',
        ],
    )


def legend_lines(r: random.Random, series: list[Series]) -> list[str]:
    b = bullet(r)
    out = []
    for s in series:
        out.append(
            _pick(
                r,
                [
                    f"  {b} {s.color} {s.line} line with {s.marker} markers: {s.name}",
                    f"  {b} `{s.name}`: {s.color} {s.line} line, {s.marker} markers.",
                    f"  {b} **{s.name}** ({s.color})",
                ],
            )
        )
    return out


def observations(r: random.Random, f: Figure, p: Panel, scope: str = "") -> list[str]:
    """Key-observation sentences computed from the numbers (plus the false claim)."""
    out: list[str] = []
    m = p.metric
    ser = p.series
    best_final = (min if m.lower_better else max)(ser, key=lambda s: s.values[-1])
    out.append(
        f"**{_pick(r, ['Best at the last setting', 'At the end of the range', 'Final ranking'])}{scope}:** {best_final.name} reaches the "
        f"{'lowest' if m.lower_better else 'highest'} {m.name} "
        f"({fmt_num(best_final.values[-1], m.decimals)}) at {f.param.name.lower()} {xfmt(f.param, f.x[-1])}."
    )
    for s in ser[: r.randint(1, min(3, len(ser)))]:
        out.append(cap(trend_sentence(r, s, f.param, f)) + ".")
    if len(ser) >= 2:
        for a in ser:
            for b in ser:
                if a is not b and always_better(m, a, b) and r.random() < 0.3:
                    hedge = _pick(r, ["", "", "generally ", "clearly ", "slightly "])
                    out.append(f"{a.name} {hedge}outperforms {b.name} at every {f.param.name.lower()}.")
                    break
            if len(out) > 5:
                break
    if f.false_claim and p is f.panels[0]:
        a, b = f.false_claim
        out.append(
            _pick(
                r,
                [
                    f"{a} consistently outperforms {b} across all settings.",
                    f"**Consistent ranking:** {a} consistently outperforms {b} at every {f.param.name.lower()}.",
                    f"{a} is always better than {b} on {m.name}.",
                ],
            )
        )
    if f.exceed:
        s, v = f.exceed
        out.append(f"{s} reaches {fmt_num(v, m.decimals)}, the most extreme value in the figure.")
    return out


def interpretation(r: random.Random, f: Figure, p: Panel) -> list[str]:
    m = p.metric
    what = "lower" if m.lower_better else "higher"
    out = [
        _pick(
            r,
            [
                f"The figure indicates that {f.param.name.lower()} has a clear effect on {m.name} ({what} is better).",
                f"These results point to a trade-off governed by {f.param.name.lower()}.",
                f"Overall, the chart suggests that the choice of {f.param.name.lower()} matters more for some systems than for others.",
                f"The data shows how sensitive {m.name} on {p.dataset} is to {f.param.name.lower()}.",
            ],
        )
    ]
    if len(p.series) > 1:
        a = (min if m.lower_better else max)(p.series, key=lambda s: sum(s.values))
        out.append(
            _pick(
                r,
                [
                    f"{a.name} appears to be the most robust configuration, with the best average {m.name}.",
                    f"On average {a.name} is the strongest, although the margin varies across settings.",
                ],
            )
        )
    out.append(
        _pick(
            r,
            [
                "Practitioners should weigh accuracy against cost when choosing an operating point.",
                "Further experiments would be needed to confirm whether the trend holds beyond the plotted range.",
                "The diminishing returns at the high end suggest that the extra compute is not always justified.",
                "This is consistent with prior observations that scaling a single knob gives only limited gains.",
            ],
        )
    )
    return out


# --------------------------------------------------------------------------
# templates: each returns the description text
# --------------------------------------------------------------------------


def t_line_at(r: random.Random) -> str:
    """Markdown sections, one sub-heading per series, `At **x**: v` points."""
    f = line_figure(r, r.randint(2, 4))
    f.mistakes = draw_mistakes(r)
    inject_mistakes(f)
    p = f.panels[0]
    m = p.metric
    b = bullet(r)
    L = [
        f"## Line Chart: {m.name} vs {f.param.name} on {f.model}{' (' + p.dataset + ')' if r.random() < 0.7 else ''}",
        "### Overview",
        f"The chart shows how **{m.name}** on {p.dataset} changes with **{f.param.name}** (x-axis) for "
        f"{len(p.series)} configurations of {f.model}. "
        + _pick(
            r,
            [
                "The data suggests a trade-off between cost and quality.",
                "Each line is one configuration.",
                "",
            ],
        ),
        "### Components/Axes",
        f"{b} {x_axis_line(r, f)}",
        f"{b} {axis_line(r, 'Y-axis (' + m.name + ')', p)}",
        f"{b} **Legend**: Located {_pick(r, POSITIONS)}, with:",
    ]
    L += legend_lines(r, p.series)
    L.append("### Detailed Analysis")
    for s in p.series:
        L.append(f"#### {s.name} ({s.color} Line)")
        L.append(f"{b} **Data Points**:")
        for x, v in zip(f.x, s.values):
            note = ""
            if v == max(s.values) and r.random() < 0.3:
                note = " (peak)"
            L.append(
                f"{b} At **{xfmt(f.param, x)}**: {val(r, v, m, approx='' if r.random() < 0.6 else None)}{note}"
            )
        L.append(f"{b} **Trend**: {trend_sentence(r, s, f.param, f)}.")
    L.append("### Key Observations")
    L += [f"{i}. {o}" for i, o in enumerate(observations(r, f, p), 1)]
    L.append("### Interpretation")
    L.append(" ".join(interpretation(r, f, p)))
    return "\n".join(L)


def t_scatter(r: random.Random) -> str:
    """Scatter plot, `**Model**: (x, y)` points."""
    n = r.randint(4, 9)
    names = models(r, n)
    kind = _pick(r, ["knowledge", "math", "code", "qa"])
    ds = _pick(r, DATASETS[kind])
    ym = _pick(r, METRICS[kind])
    xm = _pick(r, EFFICIENCY)
    xs = [round(r.uniform(xm.low, xm.high), xm.decimals) for _ in names]
    ys = [round(r.uniform(ym.low, ym.high), ym.decimals) for _ in names]
    if xm.decimals == 0:
        xs = [float(int(x)) for x in xs]
    xstep = nice_step(max(xs) - min(xs), 5)
    ystep = nice_step(max(ys) - min(ys), 5)
    xlo, xhi = math.floor(min(xs) / xstep) * xstep, math.ceil(max(xs) / xstep) * xstep
    ylo, yhi = math.floor(min(ys) / ystep) * ystep, math.ceil(max(ys) / ystep) * ystep
    mist = draw_mistakes(r)
    if "exceed" in mist:
        k = r.randrange(n)
        ys[k] = round(yhi + ystep * r.uniform(0.2, 0.8), ym.decimals)
    groups = {nm: _pick(r, ["Blue", "Red", "Green", "Orange"]) for nm in names}
    b = bullet(r)
    L = [
        f"## Scatter Plot: {xm.name} vs. {ym.name} on {ds}",
        "### Overview",
        f"The image is a scatter plot comparing {xm.name.lower()} ({xm.unit}) with {ym.name} on {ds} "
        f"for {n} language models. Points are colour-coded by model family.",
        "### Components/Axes",
        f"{b} **X-axis**: {xm.name} ({xm.unit})",
        f"  {b} Scale: {'Logarithmic' if r.random() < 0.3 else 'Linear'} ({fmt_tick(xlo)} to {fmt_tick(xhi)})",
        f"{b} **Y-axis**: {ym.name} on {ds}",
        f"  {b} Scale: Linear ({fmt_tick(ylo)} to {fmt_tick(yhi)})",
        f"  {b} Labels: "
        + ", ".join(fmt_tick(ylo + i * ystep) for i in range(int(round((yhi - ylo) / ystep)) + 1)),
        f"{b} **Legend**:",
    ]
    for c in sorted(set(groups.values())):
        L.append(f"  {b} {c}: " + ", ".join(nm for nm in names if groups[nm] == c))
    L.append("### Detailed Analysis")
    L.append("1. **Data Points**:")
    order = sorted(range(n), key=lambda k: -ys[k])
    for rank, k in enumerate(order):
        note = _pick(
            r,
            [
                "",
                "",
                f"{groups[names[k]]} dot",
                "highest y-value" if rank == 0 else "mid-range",
                "lowest y-value" if rank == n - 1 else "moderate x-value",
            ],
        )
        L.append(
            f"{b} **{names[k]}**: ({fmt_num(xs[k], xm.decimals)}, {fmt_num(ys[k], ym.decimals)})"
            + (f" – {note}." if note else "")
        )
    L.append("2. **Trends**:")
    fast = max(range(n), key=lambda k: xs[k])
    L.append(
        f"{b} {names[fast]} has the highest {xm.name.lower()} but "
        + ("also one of the best scores." if ys[fast] >= sorted(ys)[n // 2] else "a below-median score.")
    )
    L.append("### Key Observations")
    top = order[0]
    L.append(f"{b} {names[top]} achieves the best {ym.name} ({fmt_num(ys[top], ym.decimals)}).")
    if "false_claim" in mist:
        a, c = names[order[-1]], names[order[0]]
        L.append(f"{b} {a} consistently outperforms {c} on {ds}.")
    L.append("### Interpretation")
    L.append(
        f"The plot suggests a trade-off between {xm.name.lower()} and {ym.name}: faster models do not "
        "necessarily score higher, and a few models reach a balanced middle ground."
    )
    return "\n".join(L)


def t_multipanel_kv(r: random.Random) -> str:
    """Several panels `Model | DATASET`, bars + a secondary-axis efficiency line, `KV 2500: ~40.0`."""
    param = _pick(r, [p for p in PARAMS if p.abbr in ("KV", "Ctx", "Step", "BS", "γ", "CR", "N")])
    xs = x_values(r, param)
    kind = _pick(r, ["math", "code", "knowledge", "long"])
    model = _pick(r, [model_name(r), invented_method(r) + "-" + _pick(r, ["Llama", "Qwen", "Mistral"])])
    n = r.randint(2, 5)
    dss = r.sample(DATASETS[kind], min(n, len(DATASETS[kind])))
    m1 = _pick(r, METRICS[kind])
    m2 = _pick(r, [e for e in EFFICIENCY if e.name.startswith(("Throughput", "Latency", "Decoding"))])
    eff_shape = "linear_down" if not m2.lower_better else "linear_up"
    eff = curve(r, len(xs), m2, 0.7, eff_shape)
    same_eff = r.random() < 0.6
    panels = []
    for ds in dss:
        s = make_series(r, [m1.name], len(xs), m1, _pick(r, ["up", "peak", "linear_up"]))
        p = Panel(f"{model} | {ds}", ds, m1, model, s)
        set_axis(p)
        panels.append(p)
    f = Figure(r, param, xs, panels, model, kind)
    f.mistakes = draw_mistakes(r) - {"false_claim"}
    inject_mistakes(f)
    b = bullet(r)
    L = []
    if r.random() < 0.15:
        L.append("\\n")
    L += [
        f"## Bar Charts with Overlaid Line Graphs: {model} Performance Across Benchmarks",
        "### Overview",
        f'The image shows {len(dss)} composite charts side by side. Each chart pairs bars for "{m1.name}" '
        f'(left y-axis, {panels[0].series[0].color.lower()} bars) with a line for "{m2.name}" (right y-axis) '
        f'as a function of "{param.name}", for the model "{model}" on '
        + ", ".join(dss[:-1])
        + f" and {dss[-1]}.",
        "### Components/Axes",
        f"{b} **Titles (top of each chart, left to right):**",
    ]
    L += [f"{i}. `{p.title}`" for i, p in enumerate(panels, 1)]
    L += [
        f"{b} **X-Axis (common to all charts):**",
        f"  {b} **Label:** `{param.name}`",
        f"  {b} **Ticks/Values:** " + ", ".join(xfmt(param, x) for x in xs) + ".",
        f"{b} **Primary Y-Axis (left, bars):** `{m1.name}`; the scale varies per chart.",
        f"{b} **Secondary Y-Axis (right, line):** `{m2.name}`, "
        f"{fmt_tick(math.floor(min(eff) / 100) * 100)} to {fmt_tick(math.ceil(max(eff) / 100) * 100)}.",
        "### Detailed Analysis",
    ]
    for i, p in enumerate(panels, 1):
        s = p.series[0]
        L.append(f"**Chart {i}: {p.title}**")
        L.append(
            f"{b} **{m1.name} (bars):** The left y-axis ranges from {fmt_tick(p.y_low)} to {fmt_tick(p.y_high)}. "
            f"The bars {_pick(r, TREND_PLURAL[trend_word(s.values)])}."
        )
        a = _pick(r, ["~", "~", "≈", ""])
        for x, v in zip(xs, s.values):
            L.append(f"  {b} {param.abbr} {xfmt(param, x)}: {a}{fmt_num(v, m1.decimals)}")
        e = eff if same_eff else curve(r, len(xs), m2, 0.7, eff_shape)
        L.append(f"{b} **{m2.name} (line):** The line {_pick(r, TREND_TEXT[trend_word(e)])}.")
        unit = f" {m2.unit}" if m2.unit and r.random() < 0.7 else ""
        for x, v in zip(xs, e):
            L.append(f"  {b} {param.abbr} {xfmt(param, x)}: {a}{fmt_num(v, m2.decimals)}{unit}")
    L.append("### Key Observations")
    hard = min(panels, key=lambda p: sum(p.series[0].values))
    easy = max(panels, key=lambda p: sum(p.series[0].values))
    L += [
        f"1. **Inverse relationship:** as {param.name} grows, {m2.name} "
        f"{'increases' if m2.lower_better else 'decreases'} on every benchmark.",
        f"2. **Benchmark difficulty:** {easy.dataset} appears easiest for {model}, while {hard.dataset} is the hardest.",
        f"3. {m1.name} generally {'improves' if trend_word(panels[0].series[0].values) == 'up' else 'changes non-monotonically'} "
        f"with {param.name}.",
    ]
    if f.exceed:
        L.append(f"4. The highest bar reaches {fmt_num(f.exceed[1], m1.decimals)}.")
    L.append("### Interpretation")
    L.append(
        f"Raising {param.name} buys accuracy at the cost of {m2.name.lower()}; the best operating point "
        "depends on the benchmark."
    )
    return "\n".join(L)


def t_bit_grid(r: random.Random) -> str:
    """Panels per task, one `**32 bits:** A ≈ v, B ≈ v` line per setting."""
    param = _pick(
        r,
        [
            Param("bit", (32, 8, 4, 2, 1), "bit", fmt="{:g} bits"),
            Param("Sparsity", (0, 25, 50, 75), "S", fmt="{:g}% sparsity"),
            Param("Rank", (64, 16, 4, 1), "r", fmt="rank {:g}"),
            Param("Budget", (100, 50, 20, 10), "B", fmt="{:g}% budget"),
        ],
    )
    xs = list(param.values)
    if len(xs) > 3 and r.random() < 0.5:
        xs = [xs[0]] + xs[-2:]
    kind = _pick(r, ["glue", "knowledge", "qa", "math"])
    n_panels = r.randint(3, 6)
    dss = r.sample(DATASETS[kind], min(n_panels, len(DATASETS[kind])))
    names = methods(r, r.randint(2, 3), ours=False)
    teacher = _pick(r, ["teacher", "full precision", "FP16", "dense", "baseline"])
    panels = []
    for ds in dss:
        m = _pick(r, METRICS[kind])
        ser = make_series(r, names, len(xs), m, "linear_down")
        top = max(s.values[0] for s in ser)
        for s in ser:
            s.values[0] = top  # all converge at the full setting
        p = Panel(ds, ds, m, None, ser)
        set_axis(p)
        panels.append(p)
    f = Figure(r, param, xs, panels, "", kind)
    f.mistakes = draw_mistakes(r)
    inject_mistakes(f)
    b = bullet(r)
    L = []
    if r.random() < 0.2:
        L.append("\\n")
    L += [
        f"## Multi-Chart Performance Comparison: {_pick(r, ['Quantization', 'Compression', 'Pruning', 'Distillation'])} Impact",
        "### Overview",
        f"The image displays {len(panels)} line charts comparing "
        + " and ".join(f'"{n}"' for n in names)
        + f' against a "{teacher}" reference across {param.name} settings ('
        + ", ".join(map(str, xs))
        + ").",
        "### Components/Axes",
        f"{b} **Titles (top of each chart):** " + ", ".join(p.title for p in panels) + ".",
        f'{b} **X-Axis (all charts):** labeled "{param.name}", markers at '
        + ", ".join(f'"{x}"' for x in xs)
        + ".",
        f"{b} **Y-Axes (vary by chart):**",
    ]
    for p in panels:
        L.append(
            f'  {b} {p.title}: labeled "{p.metric.name}". Scale from {fmt_tick(p.y_low)} to {fmt_tick(p.y_high)}.'
        )
    L.append(f"{b} **Legend:**")
    L += legend_lines(r, panels[0].series)
    L.append("### Detailed Analysis")
    for i, p in enumerate(panels, 1):
        L.append(f"**{i}. {p.title} ({p.metric.name})**")
        L.append(
            f"{b} **Trend:** "
            + _pick(
                r,
                [
                    f"Both methods degrade as {param.name} is reduced.",
                    "A gradual decline followed by a steeper drop at the last setting.",
                    "Stable at first, then a sharp fall.",
                ],
            )
        )
        L.append(f"{b} **Data Points (Approximate):**")
        for k, x in enumerate(xs):
            parts = [f"{s.name} ≈ {fmt_num(s.values[k], p.metric.decimals)}" for s in p.series]
            if k == 0:
                parts.append(f"{teacher} ≈ {fmt_num(p.series[0].values[0], p.metric.decimals)}")
            L.append(f"  {b} **{xfmt(param, x)}:** " + ", ".join(parts) + ".")
    L.append("### Key Observations")
    L += [f"{i}. {o}" for i, o in enumerate(observations(r, f, panels[0], f" on {panels[0].title}"), 1)]
    L.append("### Interpretation")
    L.append(" ".join(interpretation(r, f, panels[0])))
    return "\n".join(L)


def t_big_grid(r: random.Random) -> str:
    """Grid of models x datasets x metrics, all values in prose (`from ~1.2 at 6 tokens to ~0.4 at 30 tokens`)."""
    param = _pick(r, PARAMS)
    xs = x_values(r, param)
    fam = _pick(r, [_llama, _qwen, _gemma])
    mods = models(r, r.randint(2, 4)) if r.random() < 0.5 else list(dict.fromkeys(fam(r) for _ in range(4)))
    kind = _pick(r, ["summ", "mt", "qa", "math"])
    dss = r.sample(DATASETS[kind], min(r.randint(2, 3), len(DATASETS[kind])))
    mets = r.sample(METRICS[kind] + EFFICIENCY[:3], r.randint(2, 4))
    names = methods(r, r.randint(3, 4))
    mistakes = draw_mistakes(r)

    def at(x) -> str:
        return f"{xfmt(param, x)} {param.unit_word}" if param.unit_word else f"{param.name} {xfmt(param, x)}"

    b = bullet(r)
    L = [
        f"## Multi-Chart Performance Analysis: {len(names)} Methods on {len(mods)} Models",
        "### Overview",
        f"The image is a composite grid of {len(mods) * len(dss) * len(mets)} line charts comparing "
        + ", ".join(names)
        + f" across {len(mods)} models ("
        + ", ".join(mods)
        + ") on "
        + ", ".join(dss)
        + f". Every chart plots a metric against {param.name}.",
        "### Components/Axes",
        f"{b} **Grid Structure:** {len(mods) * len(dss)} rows by {len(mets)} columns.",
        f"{b} **Rows:** one per model and dataset.",
        f"{b} **Columns:** " + ", ".join(f"**{m.name}**" for m in mets) + ".",
        f'{b} **X-Axis (common):** "{param.name}", markers at ' + ", ".join(xfmt(param, x) for x in xs) + ".",
        f"{b} **Legend:** at the bottom of the figure:",
    ]
    colors = r.sample(COLORS, len(names))
    for n, c in zip(names, colors):
        L.append(f"  {b} **{n}:** {c} {_pick(r, LINESTYLES)} line with {_pick(r, MARKERS)} markers.")
    L.append("### Detailed Analysis")
    first = True
    first_order: list[Series] = []
    claim = None
    for mi, mod in enumerate(mods, 1):
        L.append(f"**{mi}. {mod}**")
        for ds in dss:
            L.append(f"{b} **{ds}:**")
            for m in mets:
                ser = make_series(r, names, len(xs), m)
                if first and "false_claim" in mistakes:
                    p = Panel(ds, ds, m, mod, ser)
                    ff = Figure(r, param, xs, [p], mod, kind, {"false_claim"})
                    inject_mistakes(ff)
                    claim = ff.false_claim
                order = sorted(ser, key=lambda s: s.values[-1], reverse=not m.lower_better)
                if first:
                    first_order = order
                first = False
                x_end = xfmt(param, xs[-1])
                tw = trend_word(order[0].values)
                head = f"  {b} *{m.name}:* "
                if r.random() < 0.5:
                    txt = (
                        f"{_pick(r, ['All methods', 'All lines', 'Most lines'])} {_pick(r, TREND_PLURAL[tw])}. "
                        f"{order[0].name} ({colors[names.index(order[0].name)].lower()}) is "
                        f"{'lowest' if m.lower_better else 'highest'} (~{fmt_num(order[0].values[-1], m.decimals)} at {x_end}), "
                        + "followed by "
                        + ", ".join(
                            f"{s.name} ({colors[names.index(s.name)].lower()}, ~{fmt_num(s.values[-1], m.decimals)})"
                            for s in order[1:]
                        )
                        + "."
                    )
                else:
                    s = _pick(r, ser)
                    others = [o for o in ser if o is not s]
                    lo = min(v for o in others for v in o.values)
                    hi = max(v for o in others for v in o.values)
                    txt = (
                        ", ".join(o.name for o in others)
                        + f" are {_pick(r, ['relatively flat', 'stable', 'close together'])} "
                        f"(~{fmt_num(lo, m.decimals)}-{fmt_num(hi, m.decimals)}). {s.name} "
                        f"{'declines' if s.values[-1] < s.values[0] else 'rises'} from ~{fmt_num(s.values[0], m.decimals)} "
                        f"at {at(xs[0])} to ~{fmt_num(s.values[-1], m.decimals)} at {at(xs[-1])}."
                    )
                L.append(head + txt)
    L.append("### Key Observations")
    obs = [
        "**Hierarchy:** in the first chart the final order is "
        + " > ".join(f"**{s.name}**" for s in first_order)
        + "."
    ]
    if claim:
        obs.append(f"{claim[0]} consistently outperforms {claim[1]} in every chart.")
    obs.append(f"The gap between methods {_pick(r, ['widens', 'narrows', 'changes'])} as {param.name} grows.")
    L += [f"{i}. {o}" for i, o in enumerate(obs, 1)]
    L.append("### Interpretation")
    L.append(
        f"The results suggest that {names[-1]} scales best with {param.name}, and the trend is robust "
        "across models and datasets."
    )
    return "\n".join(L)


def t_prose_line(r: random.Random) -> str:
    """Each series as one sentence: `starts at approximately a at <x0>, increases to approximately b at <x1>, then to ...`."""
    f = line_figure(r, r.randint(2, 5))
    f.mistakes = draw_mistakes(r)
    inject_mistakes(f)
    p = f.panels[0]
    m = p.metric
    b = bullet(r)
    pw = f.param.name.lower()
    L = [
        f"## Line Chart: {m.name}{'/' + m.unit if m.unit == '%' and r.random() < 0.5 else ''} vs. {f.param.name}",
        "### Overview",
        f"The image is a line chart comparing {len(p.series)} {'models' if r.random() < 0.5 else 'approaches'} ("
        + ", ".join(s.name for s in p.series)
        + f") by their {m.name} on {p.dataset} across {pw} values.",
        "### Components/Axes",
        f"{b} **X-axis:** {f.param.name}, with values " + ", ".join(xfmt(f.param, x) for x in f.x) + ".",
        f"{b} **Y-axis:** {m.name}, ranging from {fmt_tick(p.y_low)} to {fmt_tick(p.y_high)} with increments of {fmt_tick(p.y_step)}.",
        f"{b} **Legend:** Located at the {_pick(r, POSITIONS)}:",
    ]
    for s in p.series:
        L.append(f"  {b} {s.color} with {s.marker} marker: {s.name}")
    L.append("### Detailed Analysis")
    for s in p.series:
        a = _pick(r, ["approximately ", "about ", "~", "roughly "])
        pts = list(zip(f.x, s.values))
        parts = [f"The line starts at {a}{fmt_num(pts[0][1], m.decimals)} at {pw} {xfmt(f.param, pts[0][0])}"]
        if len(pts) > 2:
            verb = "increases" if pts[1][1] >= pts[0][1] else "decreases"
            parts.append(f"{verb} to {a}{fmt_num(pts[1][1], m.decimals)} at {xfmt(f.param, pts[1][0])}")
            mid = ", ".join(f"{fmt_num(v, m.decimals)} at {xfmt(f.param, x)}" for x, v in pts[2:-1])
            if mid:
                parts.append("then to " + mid)
        parts.append(
            f"and finally reaches {a}{fmt_num(pts[-1][1], m.decimals)} at {xfmt(f.param, pts[-1][0])}"
        )
        L.append(
            f"{b} **{s.name} ({s.color}, {s.marker.capitalize()}):** " + ", ".join(parts) + ". "
            f"The trend {_pick(r, ['is', 'looks'])} {_pick(r, ['generally ', ''])}"
            f"{ {'up': 'upward', 'down': 'downward', 'flat': 'flat', 'peak': 'non-monotonic', 'dip': 'non-monotonic'}[trend_word(s.values)] }."
        )
    L.append("### Key Observations")
    L += [f"{b} {o}" for o in observations(r, f, p)]
    L.append("### Interpretation")
    L.append(" ".join(interpretation(r, f, p)))
    return "\n".join(L)


def t_eq_points(r: random.Random) -> str:
    """`d₁ = 100: Test Accuracy ≈ 58.0` lines under `**Data Series k: "name" (...)**`."""
    f = line_figure(r, r.randint(2, 3))
    f.mistakes = draw_mistakes(r)
    inject_mistakes(f)
    p = f.panels[0]
    m = p.metric
    sym = f.param.symbol or f.param.abbr
    b = bullet(r)
    L = []
    if r.random() < 0.1:
        L.append("\\n")
    L += [
        f"## Line Chart: {p.dataset} {m.name} vs. {sym}",
        "### Overview",
        f"The image is a line chart comparing {m.name.lower()} on the {p.dataset} dataset for {len(p.series)} "
        f"variants across a range of a parameter labeled `{sym}` ({f.param.name}).",
        "### Components/Axes",
        f'{b} **Chart Title:** "{p.dataset}" (centered at the top).',
        f"{b} **Y-Axis:**",
        f'  {b} **Label:** "{m.name}".',
        f"  {b} **Scale:** Linear scale ranging from {fmt_tick(p.y_low)} to {fmt_tick(p.y_high)}.",
        f"{b} **X-Axis:**",
        f'  {b} **Label:** "{sym}".',
        f"  {b} **Scale:** discrete values: " + ", ".join(xfmt(f.param, x) for x in f.x) + ".",
        f"{b} **Legend:** Positioned in the {_pick(r, POSITIONS)} of the chart area.",
    ]
    for i, s in enumerate(p.series, 1):
        L.append(f'  {b} **Entry {i}:** "{s.name}" - {s.color.lower()} {s.marker} marker, {s.line} line.')
    L.append("### Detailed Analysis")
    for i, s in enumerate(p.series, 1):
        L.append(
            f'**Data Series {i}: "{s.name}" ({s.color} {plural(s.marker.capitalize())}, {s.line.capitalize()} Line)**'
        )
        L.append(f"{b} **Trend:** The line {_pick(r, TREND_TEXT[trend_word(s.values)])}.")
        L.append(f"{b} **Data Points (Approximate):**")
        hi = max(s.values)
        for x, v in zip(f.x, s.values):
            note = " (This is the highest point for this series)." if v == hi and r.random() < 0.4 else ""
            L.append(f"  {b} {sym} = {xfmt(f.param, x)}: {m.name} ≈ {fmt_num(v, m.decimals)}{note}")
    L.append("### Key Observations")
    L += [f"{i}. {o}" for i, o in enumerate(observations(r, f, p), 1)]
    L.append("### Interpretation")
    L.append(" ".join(interpretation(r, f, p)))
    return "\n".join(L)


def t_tech_table(r: random.Random) -> str:
    """'Technical Document Extraction' with a markdown table (a column per series)."""
    cat = r.random() < 0.5
    f = line_figure(r, r.randint(2, 4), n_panels=r.randint(1, 2), same_metric=True)
    f.mistakes = draw_mistakes(r)
    if cat:
        cats = r.sample(
            [
                "SFT",
                "DPO",
                "SFT + DPO",
                "Zero-shot",
                "Few-shot",
                "CoT",
                "RAG",
                "Fine-tuned",
                "Pretrained",
                "Distilled",
                "Pruned",
                "Quantized",
                "w/o Router",
                "w/o Memory",
            ],
            len(f.x),
        )
    inject_mistakes(f)
    b = bullet(r)
    L = [
        f"# Technical {_pick(r, ['Document', 'Data'])} Extraction: {f.panels[0].metric.name} on "
        + " and ".join(p.dataset for p in f.panels),
        "",
        f"This document extracts the data from {'a chart' if len(f.panels) == 1 else str(len(f.panels)) + ' side-by-side charts'} "
        f"{_pick(r, ['produced for', 'evaluating', 'about'])} {f.model}.",
        "",
        "## 1. General Layout and Shared Metadata",
        f"{b} **Image Type:** {_pick(r, ['Grouped bar chart', 'Line chart', 'Bar chart with error bars'])}.",
        f"{b} **Y-Axis (Shared):**",
        f"  {b} **Label:** `{f.panels[0].metric.name}`",
        f"  {b} **Scale:** Linear, ranging from {fmt_tick(f.panels[0].y_low)} to {fmt_tick(f.panels[0].y_high)}.",
        f"{b} **Legend:**",
    ]
    L += legend_lines(r, f.panels[0].series)
    for k, p in enumerate(f.panels, 2):
        m = p.metric
        xlab = "Setting" if cat else f.param.name
        L += [
            "",
            "---",
            "",
            f"## {k}. {'Left' if k == 2 else 'Right'} Chart: {p.dataset}"
            if len(f.panels) > 1
            else f"## {k}. Chart: {p.dataset}",
            f"{b} **X-Axis Label:** `{xlab}`",
            f"{b} **Categories:** " + ", ".join(cats if cat else [xfmt(f.param, x) for x in f.x]),
            "",
            f"### Data Table: {p.dataset}",
            "",
            f"| {xlab} | "
            + " | ".join(f"{s.name} ({s.color})" if r.random() < 0.5 else s.name for s in p.series)
            + " |",
            "| :--- | " + " | ".join(":---:" for _ in p.series) + " |",
        ]
        for i, x in enumerate(f.x):
            label = cats[i] if cat else xfmt(f.param, x)
            L.append(f"| {label} | " + " | ".join(fmt_num(s.values[i], m.decimals) for s in p.series) + " |")
        L += ["", "### Trend Analysis"]
        for s in p.series:
            d = s.values[-1] - s.values[0]
            L.append(
                f"{b} **{s.name}:** {_pick(r, TREND_TEXT[trend_word(s.values)])} "
                f"({'+' if d >= 0 else ''}{fmt_num(d, m.decimals)} from first to last)."
            )
    L += ["", "## Observations"]
    L += [f"{b} {o}" for o in observations(r, f, f.panels[0])]
    L += [
        "",
        "## Notes",
        f"{b} Values were read from the {'bar labels' if r.random() < 0.5 else 'plotted markers'} "
        "and may carry small reading errors.",
    ]
    return "\n".join(L)


def t_grouped_bar_prose(r: random.Random) -> str:
    """Grouped bars per dataset: `X (Yellow) scores highest (~85), followed by Y (Salmon, ~75)`."""
    n_charts = r.randint(1, 3)
    kinds = r.sample(list(METRICS), 3)
    dss = [_pick(r, DATASETS[k]) for k in kinds]
    metric = Metric("Scores", 0, 100, 0, bounded=100) if r.random() < 0.5 else ACC
    b = bullet(r)
    mist = draw_mistakes(r)
    charts = []
    for _ in range(n_charts):
        names = models(r, r.randint(3, 5))
        colors = dict(zip(names, r.sample(COLORS, len(names))))
        rows = {}
        for ds in dss:
            base = r.uniform(15, 80)
            rows[ds] = {n: round(min(99, max(1, base + r.gauss(0, 8))), metric.decimals) for n in names}
        charts.append(
            (
                _pick(
                    r,
                    [
                        "Comparison of Open-source LLMs",
                        "Comparison of Closed-source LLMs",
                        "Instruction-tuned vs. Reasoning LLMs",
                        "Small vs. Large Models",
                        "Base vs. Chat Models",
                    ],
                ),
                names,
                colors,
                rows,
            )
        )
    if "exceed" in mist:
        _, names, _, rows = charts[0]
        rows[dss[0]][names[0]] = round(100 + r.uniform(2, 9), metric.decimals)
    L = [
        "## Bar Charts: LLM Performance Comparison Across Datasets",
        "### Overview",
        f"The image displays {n_charts} grouped bar chart{'s' if n_charts > 1 else ''} comparing the "
        f"{metric.name.lower()} of several language models on " + ", ".join(dss[:-1]) + f", and {dss[-1]}. "
        f'All charts share a y-axis labeled "{metric.name}" ranging from 0 to 100.',
        "### Components/Axes",
    ]
    for i, (title, names, colors, _rows) in enumerate(charts, 1):
        L.append(f'{b} **Chart {i}:** "{title}"')
        L.append(f"  {b} **X-axis (Datasets):** " + ", ".join(dss) + ".")
        L.append(f"  {b} **Y-axis:** {metric.name} (0-100).")
        L.append(f"  {b} **Legend ({_pick(r, POSITIONS)}):**")
        for n in names:
            L.append(f"    {b} {colors[n]} bar: {n}")
    L.append("### Detailed Analysis")
    claim = None
    for i, (title, names, colors, chart_rows) in enumerate(charts, 1):
        L.append(f"**Chart {i}: {title}**")
        for ds in dss:
            v = chart_rows[ds]
            order = sorted(names, key=v.__getitem__, reverse=True)
            first = f"{order[0]} ({colors[order[0]]}) {_pick(r, ['scores highest', 'leads', 'is highest'])} (~{fmt_num(v[order[0]], 0)})"
            rest = [f"{n} ({colors[n]}, ~{fmt_num(v[n], 0)})" for n in order[1:]]
            tail = ", ".join(rest[:-1]) + (", and " if len(rest) > 1 else "") + rest[-1]
            L.append(f"{b} **{ds}:** {first}, followed by {tail}.")
        if i == 1 and "false_claim" in mist:
            # claim the chart's overall winner beats someone everywhere, but make one dataset disagree
            w, l = names[0], names[1]
            v = chart_rows[dss[-1]]
            v[l] = v[w] + 3
            claim = (w, l)
            # the last dataset's line was written with the old numbers: rewrite it
            order = sorted(names, key=v.__getitem__, reverse=True)
            rest = [f"{n} ({colors[n]}, ~{fmt_num(v[n], 0)})" for n in order[1:]]
            tail = ", ".join(rest[:-1]) + (", and " if len(rest) > 1 else "") + rest[-1]
            L[-1] = (
                f"{b} **{dss[-1]}:** {order[0]} ({colors[order[0]]}) scores highest (~{fmt_num(v[order[0]], 0)}), followed by {tail}."
            )
    L.append("### Key Observations")
    hardest = min(dss, key=lambda d: sum(charts[0][3][d].values()))
    L.append(f"{b} {hardest} is the hardest dataset for every model.")
    if claim:
        L.append(f"{b} {claim[0]} consistently outperforms {claim[1]} on all three datasets.")
    L.append("### Interpretation")
    L.append("Larger models tend to score higher, but the ranking depends on the dataset.")
    return "\n".join(L)


def t_heatmap(r: random.Random) -> str:
    """Heat map as a markdown table: rows are datasets/subjects, columns methods."""
    model = model_name(r)
    kind = _pick(r, ["math", "knowledge", "code", "glue"])
    rows = r.sample(DATASETS[kind], min(len(DATASETS[kind]), r.randint(3, 7)))
    cols = methods(r, r.randint(3, 5), ours=False)
    m = _pick(r, METRICS[kind])
    dec = 2 if r.random() < 0.6 else 1
    base = {row: r.uniform(m.low, m.high) for row in rows}
    gain = {c: r.uniform(-3, 4) for c in cols}
    data = {
        row: {c: round(min(m.bounded or 1e9, base[row] + gain[c] + r.gauss(0, 1.5)), dec) for c in cols}
        for row in rows
    }
    b = bullet(r)
    L = [
        f"## Heatmap: {model} {m.name} by {_pick(r, ['Benchmark', 'Dataset', 'Subject'])} and Method",
        "### Overview",
        f'The image presents a heatmap of {m.name} for "{model}" on {len(rows)} datasets under {len(cols)} '
        "prompting or decoding methods. Darker cells mean higher scores.",
        "### Components/Axes",
        f'{b} **Title:** "{model}" (top-center)',
        f"{b} **Rows:** " + ", ".join(rows),
        f"{b} **Columns:** " + ", ".join(cols),
        f"{b} **Color Scale:** from light {_pick(r, ['green', 'blue', 'yellow'])} (low) to dark (high).",
        "### Detailed Analysis",
        f"The heatmap holds {len(rows) * len(cols)} cells:",
        "",
        "| Dataset | " + " | ".join(cols) + " |",
        "|---|" + "|".join("---" for _ in cols) + "|",
    ]
    for row in rows:
        L.append(f"| {row} | " + " | ".join(f"{data[row][c]:.{dec}f}" for c in cols) + " |")
    L += ["", "**Trends:**"]
    for row in rows[: r.randint(2, len(rows))]:
        best = max(cols, key=lambda c: data[row][c])
        L.append(f"{b} **{row}:** best with {best} ({data[row][best]:.{dec}f}).")
    L.append("### Key Observations")
    hard = min(rows, key=lambda row: sum(data[row].values()))
    L.append(f"{b} {hard} gets the lowest scores overall.")
    if r.random() < 0.4:
        c1, c2 = cols[0], cols[1]
        wins = sum(data[row][c1] > data[row][c2] for row in rows)
        verb = "consistently outperforms" if wins == len(rows) or r.random() < 0.3 else "often beats"
        L.append(f"{b} {c1} {verb} {c2}.")
    L.append("### Interpretation")
    L.append(f"The choice of method matters less than the dataset for {model}.")
    return "\n".join(L)


def t_ablation_bar(r: random.Random) -> str:
    """Ablation bars: `"Ours" (Dark Red): The bar reaches approximately 88.5%.`"""
    kind = _pick(r, ["knowledge", "qa", "math", "code"])
    dss = r.sample(DATASETS[kind], 2 if r.random() < 0.7 else 3)
    comps = r.sample(
        [
            "Decomposer",
            "Router",
            "Resolver",
            "Memory",
            "Retriever",
            "Verifier",
            "Planner",
            "Reranker",
            "Critic",
            "Cache",
        ],
        r.randint(2, 4),
    )
    main = _pick(r, ["Ours", "Full Model", invented_method(r)])
    names = [main] + [f"w/o {c}" for c in comps]
    shades = (
        ["Dark Red", "Medium Red", "Light Red", "Pale Red", "Pink"]
        if r.random() < 0.5
        else ["Dark Blue", "Blue", "Light Blue", "Pale Blue", "Gray"]
    )
    m = _pick(r, METRICS[kind])
    mist = draw_mistakes(r)
    vals = {}
    for ds in dss:
        top = r.uniform(m.low + 0.4 * (m.high - m.low), m.high)
        vals[ds] = {
            n: round(top if k == 0 else top - r.uniform(3, 40) * (m.high - m.low) / 100, m.decimals)
            for k, n in enumerate(names)
        }
    lo = min(v for d in vals.values() for v in d.values())
    step = nice_step(m.high - lo, 6)
    ylo = math.floor(lo / step) * step
    yhi = min(m.bounded or 1e9, math.ceil(max(v for d in vals.values() for v in d.values()) / step) * step)
    if "exceed" in mist:
        vals[dss[0]][main] = round(yhi + step * 0.4, m.decimals)
    if "false_claim" in mist:
        vals[dss[-1]][names[-1]] = round(vals[dss[-1]][main] + step * 0.2, m.decimals)
    pct = "%" if m.unit == "%" else ""
    b = bullet(r)
    L = ["\\n"] if r.random() < 0.2 else []
    L += [
        f"## Bar Chart: {m.name} Comparison of Model Variants",
        "### Overview",
        f"This bar chart compares the {m.name.lower()} of several configurations on "
        + " and ".join(dss)
        + f': the full system ("{main}") and variants where one component is removed ('
        + ", ".join(f'"{n}"' for n in names[1:])
        + ").",
        "### Components/Axes",
        f"{b} **X-axis:** the datasets: " + ", ".join(f'"{d}"' for d in dss) + ".",
        f'{b} **Y-axis:** "{m.name}{" (%)" if pct else ""}", ranging from approximately {fmt_tick(ylo)}{pct} to {fmt_tick(yhi)}{pct}.',
        f"{b} **Legend:**",
    ]
    for n, c in zip(names, shades):
        L.append(f'  {b} {c}: "{n}"')
    L.append("### Detailed Analysis")
    L.append(f"The chart consists of {len(dss)} groups of {len(names)} bars.")
    for ds in dss:
        L.append(f"**{ds} Dataset:**")
        for n, c in zip(names, shades):
            L.append(
                f'{b} "{n}" ({c}): The bar reaches {_pick(r, ["approximately ", "about ", "~", ""])}'
                f"{fmt_num(vals[ds][n], m.decimals)}{pct}."
            )
    L.append("### Key Observations")
    L.append(
        f'{b} The "{main}" model {_pick(r, ["consistently outperforms", "outperforms"])} all variations across '
        + ("both" if len(dss) == 2 else "all")
        + " datasets."
    )
    worst = min(names[1:], key=lambda n: vals[dss[0]][n])
    L.append(f"{b} Removing the {worst[4:]} causes the largest drop on {dss[0]}.")
    L.append("### Interpretation")
    L.append("Every component contributes; the full system is needed for the best results.")
    return "\n".join(L)


def t_trial_doc(r: random.Random) -> str:
    """'Technical Document Extraction' with numbered series and `Trial 0: 0.62` points."""
    f = line_figure(r, r.randint(2, 4))
    f.mistakes = draw_mistakes(r)
    inject_mistakes(f)
    p = f.panels[0]
    m = p.metric
    lab = f.param.abbr if f.param.abbr[0].isupper() and len(f.param.abbr) > 2 else f.param.name
    L = [
        f"# Technical Document Extraction: {p.dataset} {m.name} Analysis",
        "",
        "## Chart Title",
        f"**(a) {p.dataset} {m.name}**",
        "",
        "## Axes",
        f"- **X-axis**: {f.param.name} ({xfmt(f.param, f.x[0])} to {xfmt(f.param, f.x[-1])})",
        f"- **Y-axis**: {m.name} ({fmt_tick(p.y_low)} to {fmt_tick(p.y_high)}, {fmt_tick(p.y_step)} increments)",
        "",
        "## Legend",
        f"- **Location**: {_pick(r, POSITIONS).capitalize()}",
        "- **Entries**:",
    ]
    for i, s in enumerate(p.series, 1):
        L.append(f"  {i}. `{s.name}` ({s.line} {s.color.lower()} line)")
    L += ["", "## Data Series Analysis"]
    for i, s in enumerate(p.series, 1):
        L += [
            f"### {i}. {s.name} ({s.line} {s.color.lower()})",
            f"- **Trend**: {_pick(r, TREND_TEXT[trend_word(s.values)]).capitalize()}",
            "- **Data Points**:",
        ]
        for x, v in zip(f.x, s.values):
            L.append(f"  - {lab} {xfmt(f.param, x)}: {fmt_num(v, m.decimals)}")
    L += ["", "## Key Observations"]
    L += [f"{i}. {o}" for i, o in enumerate(observations(r, f, p), 1)]
    L += [
        "",
        "## Trend Verification",
        "- "
        + (
            "All lines exhibit monotonic increase"
            if all(trend_word(s.values) == "up" for s in p.series)
            else "Lines differ in direction"
        ),
    ]
    return "\n".join(L)


def t_model_size(r: random.Random) -> str:
    """Grid of bar charts, x = model size categories, `* 0.3B: 2` points; benchmark columns, Pass@k rows."""
    fam = _pick(r, ["Pythia", "OPT", "CodeGen", "Qwen2.5", "Llama-3", "OLMo", "SantaCoder", "StarCoder"])
    sizes = _pick(
        r,
        [
            ["0.3B", "0.6B", "1.3B", "3B", "6.7B", "13B"],
            ["0.5B", "1.5B", "3B", "7B", "14B", "32B"],
            ["125M", "350M", "1.3B", "2.7B", "6.7B"],
            ["1B", "8B", "70B"],
        ],
    )
    kind = _pick(r, ["code", "math", "knowledge"])
    dss = r.sample(DATASETS[kind], 2)
    mets = _pick(r, [["Pass@1", "Pass@10", "Pass@100"], ["Accuracy", "Exact Match"], ["0-shot", "5-shot"]])
    mist = draw_mistakes(r)
    b = bullet(r)
    L = [
        f"## Bar Charts: {' and '.join(dss)} Performance by Model Size",
        "### Overview",
        f"The image displays a {len(mets)}x{len(dss)} grid of bar charts showing how {fam} models of different sizes "
        f"({sizes[0]} to {sizes[-1]} parameters) perform on **{dss[0]}** (left column) and **{dss[1]}** (right column). "
        f"Rows correspond to " + ", ".join(mets) + ".",
        "### Components/Axes",
        f"{b} **Column Headers:** " + ", ".join(f'"{d}"' for d in dss),
        f"{b} **Row Labels (Right Side):** " + ", ".join(f'"{m}"' for m in mets),
        f"{b} **X-Axis:** Model sizes: " + ", ".join(f"`{s}`" for s in sizes),
        f"{b} **Data Labels:** each bar has its value printed above it.",
        "### Detailed Analysis",
    ]
    claim_done = False
    for ds in dss:
        L.append(f"#### **{ds} Column**")
        for mi, met in enumerate(mets):
            base = r.uniform(2, 20) + 15 * mi
            vals = sorted(
                round(min(99, base + r.uniform(0, 60) * (k / len(sizes)) ** 1.2)) for k in range(len(sizes))
            )
            hi = nice_step(max(vals), 5) * math.ceil(max(vals) / nice_step(max(vals), 5))
            if "exceed" in mist and not claim_done:
                vals[-1] = int(hi + nice_step(max(vals), 5) * 0.5)
            L.append(f"{b} **{met}**")
            L.append(f"  {b} **Y-Axis Range:** 0 to {fmt_tick(hi)}")
            L.append(f"  {b} **Data Points (Model Size: Value):**")
            for s, v in zip(sizes, vals):
                L.append(f"    {b} {s}: {v}")
            L.append(
                f"  {b} **Trend:** Performance increases with model size"
                + (
                    ", accelerating for the largest models."
                    if vals[-1] - vals[-2] > vals[1] - vals[0]
                    else "."
                )
            )
            claim_done = True
    L.append("### Key Observations")
    L.append(f"{b} Scaling from {sizes[0]} to {sizes[-1]} improves every metric.")
    if "false_claim" in mist:
        L.append(f"{b} {dss[0]} scores consistently exceed {dss[1]} scores at every size.")
    L.append("### Interpretation")
    L.append("The gains from scale are largest for the most permissive metric.")
    return "\n".join(L)


TEMPLATES = [
    t_line_at,
    t_scatter,
    t_multipanel_kv,
    t_bit_grid,
    t_big_grid,
    t_prose_line,
    t_eq_points,
    t_tech_table,
    t_grouped_bar_prose,
    t_heatmap,
    t_ablation_bar,
    t_trial_doc,
    t_model_size,
]


def draw_mistakes(r: random.Random) -> set[str]:
    out = set()
    if r.random() < 0.12:
        out.add("exceed")
    if r.random() < 0.15:
        out.add("false_claim")
    return out


def truncate(r: random.Random, text: str) -> str:
    """Cut the text off mid-sentence somewhere in its second half."""
    lo, hi = int(len(text) * 0.45), int(len(text) * 0.95)
    spaces = [i for i in range(lo, hi) if text[i] == " " and text[i - 1].isalnum()]
    if not spaces:
        return text
    return text[: _pick(r, spaces)]


def make_document(seed: int, i: int) -> tuple[str, str]:
    """(file name, text) of document i."""
    r = random.Random(f"claimkg-bench:{seed}:{i}")
    tpl = TEMPLATES[r.randrange(len(TEMPLATES))]
    text = tpl(r)
    if r.random() < 0.08:
        text = truncate(r, text)
    elif r.random() < 0.5:
        text += "\n"
    ext = ".txt" if r.random() < 0.5 else ".md"
    name = f"syn{i:05d}_{r.getrandbits(64):016x}{ext}"
    return name, text


def generate(count: int, out: Path, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("syn*_*.md")) + list(out.glob("syn*_*.txt")):
        old.unlink()
    written = []
    for i in range(count):
        name, text = make_document(seed, i)
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000, help="number of descriptions (default 1000)")
    ap.add_argument(
        "--out",
        default=str(Path(__file__).resolve().parent / "corpus"),
        help="output folder (default benchmarks/corpus)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("--count must be >= 0")
    paths = generate(args.count, Path(args.out), args.seed)
    if not args.quiet:
        total = sum(p.stat().st_size for p in paths)
        print(f"wrote {len(paths)} descriptions ({total / 1024:.0f} KiB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
