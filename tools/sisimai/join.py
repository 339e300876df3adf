#!/usr/bin/env python3
"""Joins `mailtriage decode` and `tools/sisimai/decode.pl` output on (file, message, recipient) and lists every
disagreement with both answers. Usage: join.py OURS.tsv SISIMAI.tsv [--ignore-pseudo]. Exit code 0; the last
lines are the counts (compared, reason disagreements, recipients only one side found)."""
import csv
import sys


def read(path):
    with open(path, encoding='utf-8', errors='replace', newline='') as handle:
        rows = list(csv.DictReader(handle, delimiter='\t', quoting=csv.QUOTE_NONE))
    keyed = {}
    for row in rows:
        key = (row['file'], row['message'], row['recipient'])
        keyed.setdefault(key, row)
    return keyed


def main():
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    compared = disagree = 0
    for key in sorted(set(ours) | set(theirs)):
        mine, reference = ours.get(key), theirs.get(key)
        if mine is None or reference is None:
            side = 'only-sisimai' if mine is None else 'only-mailtriage'
            row = reference or mine
            print('\t'.join([side, key[0], key[1], key[2], row['reason'], row['diagnostic'][:200]]))
            continue
        compared += 1
        if mine['reason'] != reference['reason']:
            disagree += 1
            print('\t'.join(['reason', key[0], key[1], key[2], 'mailtriage=' + mine['reason'], 'sisimai=' + reference['reason'],
                             'rule=' + mine['rule'], 'status=' + mine['status'] + '/' + reference['status'],
                             'code=' + mine['replycode'] + '/' + reference['replycode'], mine['diagnostic'][:200]]))
    only_ours = len(set(ours) - set(theirs))
    only_theirs = len(set(theirs) - set(ours))
    print(f'compared {compared}  reason-disagreements {disagree}  only-mailtriage {only_ours}  only-sisimai {only_theirs}')


if __name__ == '__main__':
    main()
