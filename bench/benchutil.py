"""Shared by the benchmark scripts: timing one child process."""
import os
import subprocess
import sys
import time


def timed(cmd):
    """Runs cmd; returns (seconds, peak RSS in MB) of that child alone.
    Exits naming the command when it fails."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, rusage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)} (status {status})\n{err}")
    return elapsed, rusage.ru_maxrss / 1024.0
