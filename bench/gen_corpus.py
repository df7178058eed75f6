#!/usr/bin/python3
"""Writes a synthetic tech-policy corpus, deterministic from a seed.

usage: gen_corpus.py OUT.jsonl --articles N [--seed S]

Each line is one article ({"id", "title", "date", "text"}) of 400-900 words.
Entities come from the bundled lexicon: a few hundred frequent ones (Zipf
weights) and a long tail of rare ones, plus invented names; each article
states several facts in the sentence shapes real coverage uses, among filler
sentences, with dates spread over 2018-2025.
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

FACT_TEMPLATES = [
    "{gov} added {co} to the Entity List on {day}, citing national security concerns.",
    "{gov} said it would restrict exports of the {chip} to {country}.",
    "{co} released its {model} model last week, saying it rivals systems from {co2}.",
    "{person}, a technology analyst at {co2}, said the rules would hurt {co}.",
    "{co}'s chief executive, {person}, said the company expects sales to recover.",
    "The {chip} was developed by {co} for customers in {country}.",
    "{country}'s {co} has bought large volumes of the {chip} this year.",
    "{co} said its {model} model was trained on {chip} chips.",
    "{gov} opened an investigation into {co} over its pricing.",
    "{co} will invest $ {n} billion in {country} over the next five years.",
    "{demonym} companies such as {co}, {co2} and {co3} have lobbied against the rules.",
    "{co} sells chips to {co2} and several other customers in {country}.",
]
FILLER = [
    "Shares of chipmakers fell in early trading as investors weighed the outlook.",
    "The measures are part of a broader effort to slow the development of advanced computing.",
    "Officials did not say how many licences had been granted so far.",
    "Industry groups have warned that the rules could cost companies billions of dollars in sales.",
    "The decision follows months of negotiations between the two governments.",
    "Analysts expect demand for data-centre processors to keep growing next year.",
    "The company declined to comment on the report, citing a quiet period before earnings.",
    "Lawmakers in both parties have called for tighter controls on sensitive technology.",
    "Some customers have started to stockpile older equipment ahead of the deadline.",
    "The ministry said it firmly opposes what it called the abuse of export controls.",
    "Prices for memory chips rose for a third consecutive month in the quarter.",
    "Executives said they were still studying the details of the new requirements.",
]
FIRST = ["Wei", "Anna", "David", "Mei", "Jun", "Laura", "Tomas", "Priya", "Kenji", "Sara",
         "Marco", "Lena", "Omar", "Hana", "Ivan", "Nora", "Paul", "Yuki", "Chen", "Elena"]
LAST = ["Zhang", "Keller", "Okafor", "Novak", "Tanaka", "Moreau", "Silva", "Lindqvist",
        "Haddad", "Kowalski", "Brennan", "Ferraro", "Ishikawa", "Rahman", "Duarte"]


def load_lexicon():
    by_type = {}
    demonyms = []
    with open(os.path.join(HERE, "..", "ingest", "data", "lexicon.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            by_type.setdefault(cols[0], []).append(cols[1])
            if cols[0] == "Country" and len(cols) > 3 and cols[3]:
                demonyms.append((cols[1], cols[3].split("|")[0]))
    return by_type, demonyms


def zipf_pick(rng, items):
    # Rank r is chosen with weight 1/r: a few frequent names, a long tail.
    weights = [1.0 / (r + 1) for r in range(len(items))]
    return rng.choices(items, weights)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lex, demonyms = load_lexicon()
    companies = lex["Company"] + [f"{rng.choice(LAST)} {s}" for s in
                                  ("Semiconductor", "Technologies", "Systems", "Labs")
                                  for _ in range(50)]
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.articles):
            target = rng.randint(400, 900)
            words = 0
            sentences = []
            while words < target:
                if rng.random() < 0.35:
                    dem = rng.choice(demonyms)
                    s = rng.choice(FACT_TEMPLATES).format(
                        gov=zipf_pick(rng, lex["GovernmentBody"]),
                        co=zipf_pick(rng, companies), co2=zipf_pick(rng, companies),
                        co3=zipf_pick(rng, companies), chip=zipf_pick(rng, lex["Chip"]),
                        model=zipf_pick(rng, lex["AIModel"]),
                        country=zipf_pick(rng, lex["Country"]),
                        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        demonym=dem[1], day=f"{rng.choice(['Jan.', 'March', 'May', 'Oct.'])} {rng.randint(1, 28)}",
                        n=rng.randint(1, 50))
                else:
                    s = rng.choice(FILLER)
                sentences.append(s)
                words += len(s.split())
            paras = [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)]
            year = rng.randint(2018, 2025)
            art = {"id": f"synthetic-{i:06d}", "title": f"Chip curbs, report {i}",
                   "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "text": "\n\n".join(paras)}
            out.write(json.dumps(art, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
