"""Distinct made-up articles for tests that need many (kill -9 trials, bulk ingests)."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Tallinn", "Porto", "Cork", "Lyon", "Gdansk", "Malmo", "Turin", "Brno", "Graz", "Split"]
PEOPLE = ["Maria Lind", "Jonas Petraitis", "Ana Costa", "Liam Walsh", "Claire Martin"]
SENTENCES = [
    "Officials in {place} said on {day} that {n} people had been moved from homes near the river.",
    "{person}, the regional governor, told reporters the situation was \"under control\".",
    "The city council of {place} voted {n} to {m} to approve the new transport budget.",
    "Police in {place} arrested {n} people after clashes outside the football stadium.",
    "{person} said the company would invest {n} million euros in a new plant near {place}.",
    "Rail services between {place} and the capital were suspended for {n} hours on {day}.",
    "According to the health ministry, {n} patients were treated for smoke inhalation.",
    "Teachers in {place} went on strike on {day}, demanding a pay rise of {n} percent.",
    "The museum in {place} reopened after a {n}-month renovation costing {m} million euros.",
    "Farmers blocked roads around {place} with {n} tractors to protest against fuel prices.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(rng: random.Random) -> str:
    lines = []
    for template in rng.sample(SENTENCES, 6):
        lines.append(template.format(
            place=rng.choice(PLACES), person=rng.choice(PEOPLE), day=rng.choice(DAYS),
            n=rng.randint(2, 900), m=rng.randint(2, 900),
        ))
    return "\n".join(lines) + "\n"


def write_corpus(directory: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` distinct text captures in ``directory``."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"article-{index:04d}.txt"
        path.write_text(f"Report {index}: " + make_article(rng), encoding="utf-8")
        paths.append(path)
    return paths
