#!/usr/bin/env python3
"""How `claims report` grows with the size of one article.

usage: bench/report_scaling.py [--sizes-kb 256,512,1024,2048] [--runs 3] [--claims BINARY]

Builds single articles of doubling size from generated news paragraphs
(examples/gen_corpus.rs, seed 1), imports each into a ledger of its own and
times `claims report 1 -o FILE` with the release binary, best of --runs.
Each line gives the time and its ratio to the size before: about 2 when the
time grows in proportion to the article, about 4 when it grows with its
square. A ratio, not a time, is the figure: it does not depend on the
machine. --claims runs another build (an older one, to compare).
"""
import argparse
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "release")
CLAIMS = os.path.join(TARGET, "claims")
WORK = os.path.join(ROOT, "target", "bench", "report-scaling")


def paragraphs():
    """Body paragraphs of 300 generated articles, in a stable order."""
    source = os.path.join(WORK, "corpus")
    if not os.path.isdir(source):
        subprocess.run([os.path.join(TARGET, "examples", "gen_corpus"), source, "300", "1"], check=True)
    out = []
    for path in sorted(glob.glob(os.path.join(source, "**", "*.txt"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            out.extend(p for p in f.read().split("\n\n")[1:] if len(p) > 40)
    return out


def article(paras, size):
    """One article of at least `size` bytes: a headline and paragraphs."""
    parts, total, i = ["One long article"], 0, 0
    while total < size:
        parts.append(paras[i % len(paras)])
        total += len(parts[-1].encode()) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def best(runs, cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes-kb", default="256,512,1024,2048")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--claims", default=CLAIMS, help="the claims binary to time")
    args = ap.parse_args()
    claims_bin = args.claims
    sizes = [int(s) * 1024 for s in args.sizes_kb.split(",")]
    subprocess.run(["cargo", "build", "--release", "--bin", "claims", "--example", "gen_corpus"],
                   cwd=ROOT, check=True)
    os.makedirs(WORK, exist_ok=True)
    paras = paragraphs()
    print("| article | claims | report | ratio to the size before |")
    print("| --- | --- | --- | --- |")
    before = None
    for size in sizes:
        text = article(paras, size)
        path = os.path.join(WORK, f"article-{size // 1024}k.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        db = os.path.join(WORK, f"ledger-{size // 1024}k.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        subprocess.run([claims_bin, "--db", db, "import", "-q", "--max-bytes", str(4 * size), path],
                       check=True, stderr=subprocess.DEVNULL)
        claims = subprocess.run([claims_bin, "--db", db, "sql", "SELECT count(*) FROM claims", "-f", "csv"],
                                check=True, capture_output=True, text=True).stdout.split()[1]
        page = os.path.join(WORK, f"report-{size // 1024}k.html")
        seconds = best(args.runs, [claims_bin, "--db", db, "report", "1", "-o", page])
        ratio = f"{seconds / before:.2f}x" if before else "-"
        print(f"| {len(text.encode()) / 1e6:.2f} MB | {claims} | {seconds:.3f} s | {ratio} |")
        sys.stdout.flush()
        before = seconds


if __name__ == "__main__":
    main()
