"""The monthly restore drill (the example code of docs/guide/evidence.md)."""

import random


def pick_backup(clusters, backups):
    # implements: SPEC-0050.R1
    cluster = random.choice(clusters)
    return max(backups[cluster], key=lambda b: b.taken)


def too_slow(seconds):
    # implements: SPEC-0050.R2
    return seconds > 30 * 60
