"""Whole-process timings, alternated: `scripts/bench --e2e` runs it (see there).

    python3 scripts/bench_e2e.py RUNS NAME=COMMAND [NAME=COMMAND ...]

Runs each command once untimed (caches, the launcher's build and class-data archive), then RUNS rounds in which
every command runs once, in turn, so that a machine growing busier or quieter slows all of them alike. Each run is
timed from fork to exit (wall) with the CPU seconds of the process and its children (getrusage of the children). Prints
one line per command: the median wall time, the range, the median CPU time and the ratio of the median wall
time to the first command's; with --json FILE (before RUNS) also writes them as JSON.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time


TIMEOUT_S = 600


def timed(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        err = proc.communicate(timeout=TIMEOUT_S)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        sys.exit(f"bench --e2e: '{command}' did not end in {TIMEOUT_S} s")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"bench --e2e: '{command}' exited {proc.returncode}:\n{err.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv):
    out = None
    if argv[:1] == ["--json"]:
        out, argv = argv[1], argv[2:]
    runs = int(argv[0])
    cases = [a.split("=", 1) for a in argv[1:]]
    for _, cmd in cases:
        timed(cmd)
    walls = {name: [] for name, _ in cases}
    cpus = {name: [] for name, _ in cases}
    for _ in range(runs):
        for name, cmd in cases:
            w, c = timed(cmd)
            walls[name].append(w)
            cpus[name].append(c)
    base = statistics.median(walls[cases[0][0]])
    print(f"whole-process times, {runs} alternated rounds; the last column is each command's median wall time"
          f" divided by {cases[0][0]}'s (2.00x: twice as long)")
    rows = []
    for name, cmd in cases:
        med = statistics.median(walls[name])
        rows.append({"case": name, "command": cmd, "runs": runs, "wall_s_median": round(med, 3),
                     "wall_s_min": round(min(walls[name]), 3), "wall_s_max": round(max(walls[name]), 3),
                     "cpu_s_median": round(statistics.median(cpus[name]), 3),
                     "ratio_to_" + cases[0][0]: round(med / base, 2), "wall_s": [round(w, 3) for w in walls[name]]})
        print(f"{name:<22} wall {med:6.2f} s (median of {runs}; {min(walls[name]):.2f}-{max(walls[name]):.2f})"
              f"  cpu {statistics.median(cpus[name]):6.2f} s  {med / base:5.2f}x {cases[0][0]}")
    if out:
        with open(out, "w") as f:
            json.dump({"rows": rows, "cores": os.cpu_count(), "load_before": os.getloadavg()[0]}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
