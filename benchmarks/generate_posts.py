"""Write N deterministic, realistic research posts as Markdown for benchmarks.

Each post has a title, date, tags (from a pool of 40) and a 1,200-2,600 word
body: sections, paragraphs, lists, Python code blocks, a table, inline and
display math (``$...$``, ``$$...$$``), links to the web and to other posts,
and footnotes. A third carry a ``Summary:``, a fifth a ``<!-- more -->``
marker. The same N and seed give byte-identical files.

    python benchmarks/generate_posts.py OUT_DIR --posts 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

VOCABULARY = """
the a of to and in is that for with as on by we this are be it from at an our
model policy reward gradient training rollout token sequence advantage value
estimate variance bias batch step loss update sample distribution expert layer
router memory throughput latency kernel cache buffer trainer engine worker
manager pipeline transfer bandwidth payload length reasoning answer prompt
difficulty dataset evaluation metric benchmark accuracy baseline ablation
result figure table section appendix experiment run seed checkpoint learning
rate schedule warmup clipping ratio objective entropy penalty constraint
inference generation decoding sampling temperature context window attention
head projection weight parameter precision float quantization communication
collective process thread queue serialization overhead profile bottleneck
""".split()  # noqa: SIM905 - a word list reads best as prose

TAG_POOL = [
    "MoE", "PPO", "RL", "GRPO", "advantage-estimation", "agents", "alignment",
    "benchmarks", "chain-of-thought", "context management", "curriculum",
    "data transfer", "distillation", "distributed systems", "evaluation",
    "exploration", "importance sampling", "inference", "kernels",
    "knowledge-distillation", "length-dynamics", "memory", "multi-agent",
    "off-policy", "on-policy-distillation", "optimization", "post-training",
    "process-rewards", "profiling", "quantization", "reasoning",
    "reinforcement-learning", "reward-models", "role-playing",
    "routing replay", "sampling", "scaling", "simulation", "tooling", "verl",
]  # fmt: skip

CODE_LINES = [
    "def advantage(rewards, baseline):",
    "    return [r - baseline for r in rewards]",
    "import numpy as np",
    "scores = np.asarray(scores, dtype=np.float32)",
    "mean, std = scores.mean(), scores.std() + 1e-6",
    "for step, batch in enumerate(loader):",
    "    loss = policy_loss(batch, clip=0.2)",
    "    loss.backward()",
    "    optimizer.step()",
    "    optimizer.zero_grad(set_to_none=True)",
    "ratio = torch.exp(logp_new - logp_old)",
    "clipped = torch.clamp(ratio, 1 - eps, 1 + eps)",
    "objective = torch.minimum(ratio * adv, clipped * adv).mean()",
    "print(f'step {step}: loss={loss.item():.4f}')",
    "class RolloutBuffer:",
    "    def __init__(self, capacity: int) -> None:",
    "        self.items = []",
    "routing = np.packbits(expert_ids.astype(np.uint8), axis=-1)",
]

MATH_INLINE = [
    r"$\pi_\theta(a \mid s)$",
    r"$\hat{A}_t$",
    r"$r_t(\theta) = \frac{\pi_\theta}{\pi_{\mathrm{old}}}$",
    r"$\mathbb{E}[R]$",
    r"$k \le n$",
]
MATH_DISPLAY = [
    (
        r"\mathcal{L}(\theta) = \mathbb{E}_t\left[\min\left(r_t \hat{A}_t,"
        r" \operatorname{clip}(r_t, 1-\epsilon, 1+\epsilon)\hat{A}_t\right)\right]"
    ),
    r"\text{pass@}k = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}}",
    r"A_i = \frac{r_i - \operatorname{mean}(r)}{\operatorname{std}(r)}",
]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(8, 22))
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), rng.choice(MATH_INLINE))
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), "**" + rng.choice(VOCABULARY) + "**")
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + "."


def _paragraph(rng: random.Random, index: int, total: int) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
    roll = rng.random()
    if roll < 0.1:
        text += (
            f" See [the earlier post]({{filename}}/post-{rng.randrange(total):05d}.md)."
        )
    elif roll < 0.2:
        text += " Details are in [the paper](https://arxiv.org/abs/1707.06347)."
    elif roll < 0.25:
        text += f"[^{index}]"
    return text


def _code_block(rng: random.Random) -> str:
    lines = rng.choices(CODE_LINES, k=rng.randint(6, 18))
    return "```python\n" + "\n".join(lines) + "\n```"


def _table(rng: random.Random) -> str:
    rows = ["| setting | steps | accuracy | length |", "|---|---:|---:|---:|"]
    for _ in range(rng.randint(3, 7)):
        rows.append(
            f"| {rng.choice(VOCABULARY)} | {rng.randint(100, 900)} "
            f"| {rng.uniform(0.2, 0.9):.3f} | {rng.randint(300, 4000)} |"
        )
    return "\n".join(rows)


def _body(rng: random.Random, total: int) -> str:
    blocks: list[str] = []
    footnotes: list[str] = []
    for section in range(rng.randint(4, 7)):
        blocks.append(
            f"## {' '.join(rng.choices(VOCABULARY, k=3)).title()} {section + 1}"
        )
        for _ in range(rng.randint(3, 6)):
            number = len(blocks)
            paragraph = _paragraph(rng, number, total)
            if f"[^{number}]" in paragraph:
                footnotes.append(f"[^{number}]: {_sentence(rng)}")
            blocks.append(paragraph)
        extra = rng.random()
        if extra < 0.35:
            blocks.append(_code_block(rng))
        elif extra < 0.55:
            blocks.append(
                "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(3, 6)))
            )
        elif extra < 0.7:
            blocks.append("$$\n" + rng.choice(MATH_DISPLAY) + "\n$$")
        elif extra < 0.8:
            blocks.append(_table(rng))
    return "\n\n".join(blocks + footnotes) + "\n"


def write_posts(out_dir: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` posts into ``out_dir`` and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, 9, 0)
    paths = []
    for index in range(count):
        title = " ".join(rng.choices(VOCABULARY, k=rng.randint(4, 8))).title()
        tags = ", ".join(rng.sample(TAG_POOL, k=rng.randint(2, 5)))
        date = start + timedelta(hours=13 * index + rng.randint(0, 12))
        header = [
            f"Title: {title}",
            f"Date: {date:%Y-%m-%d %H:%M}",
            f"Tags: {tags}",
            f"Slug: post-{index:05d}",
        ]
        if rng.random() < 1 / 3:
            header.append(f"Summary: {_sentence(rng)} {_sentence(rng)}")
        body = _body(rng, count)
        if rng.random() < 0.2:  # after the first heading and paragraph
            blocks = body.split("\n\n")
            body = "\n\n".join([*blocks[:2], "<!-- more -->", *blocks[2:]])
        path = out_dir / f"post-{index:05d}.md"
        path.write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Write the posts named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    paths = write_posts(arguments.out_dir, arguments.posts, arguments.seed)
    print(f"wrote {len(paths)} posts to {arguments.out_dir}")


if __name__ == "__main__":
    main()
