#!/usr/bin/env python3
"""Times commands against a reference command in interleaved rounds (run by scripts/bench).

    python3 scripts/lib/paired_times.py ROUNDS REF_NAME REF_COMMAND [NAME COMMAND ...]

Each COMMAND is one shell-quoted string (bash: printf '%q ' "$@"); it is split with shlex and run
without a shell, its output discarded. A round runs the reference and every command once, back to
back, in an order rotated each round; after one warm-up round, ROUNDS rounds are timed.

On a shared machine whose speed swings from one minute to the next, two medians taken minutes
apart can disagree by half. Commands timed in the same round see the same machine, so the ratio
within a round is steadier: this prints, for each command, its median seconds and the median of
its per-round ratios to the reference, as tab-separated lines "NAME<TAB>SECONDS<TAB>RATIO".
"""
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(args):
    if len(args) < 3 or len(args) % 2 != 1:
        sys.exit("usage: paired_times.py ROUNDS REF_NAME REF_COMMAND [NAME COMMAND ...]")
    rounds = int(args[0])
    names = args[1::2]
    commands = [shlex.split(command) for command in args[2::2]]
    seconds = [[] for _ in names]
    for round_number in range(rounds + 1):
        shift = round_number % len(names)
        order = list(range(len(names)))[shift:] + list(range(len(names)))[:shift]
        times = {index: run_once(commands[index]) for index in order}
        if round_number == 0:
            continue  # warm-up: page cache, binaries
        for index, elapsed in times.items():
            seconds[index].append(elapsed)
    reference = seconds[0]
    for name, own in zip(names, seconds):
        ratios = [mine / ref for mine, ref in zip(own, reference)]
        print("%s\t%.3f\t%.2f" % (name, statistics.median(own), statistics.median(ratios)))


if __name__ == "__main__":
    main(sys.argv[1:])
