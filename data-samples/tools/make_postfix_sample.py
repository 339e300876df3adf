#!/usr/bin/env python3
"""Writes data-samples/logs/*: a small, realistic Postfix log for the project's demo and tests.

Deterministic (seeded). Documentation IP ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
2001:db8::/32) and example domains only. Rerun after editing; the output is committed.
"""
import csv
import gzip
import os
import random

random.seed(20261126)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "logs")

OUR = {"out1": "192.0.2.10", "out2": "192.0.2.20", "out3": "2001:db8:10::25"}
RECEIVERS = [("mx.example.net", "198.51.100.5"), ("mx1.example.org", "198.51.100.17"),
             ("smtp.mail.example", "198.51.100.33"), ("mx.example.edu", "198.51.100.41"),
             ("in.mail.test", "198.51.100.58")]
LOCAL = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
QID = "0123456789ABCDEF"


def qid():
    return "".join(random.choice(QID) for _ in range(10))


def iso(day, second):
    h, rest = divmod(second, 3600)
    m, s = divmod(rest, 60)
    micros = random.randint(0, 999999)
    return f"2026-11-{day:02d}T{h:02d}:{m:02d}:{s:02d}.{micros:06d}+00:00"


def delivered(ts, host, proc, q):
    mx, ip = random.choice(RECEIVERS)
    rcpt = f"{random.choice(LOCAL)}@{mx.split('.', 1)[1]}"
    return [
        f"{ts} {host} postfix/qmgr[{proc}]: {q}: from=<newsletter@example.com>, size={random.randint(900, 90000)}, nrcpt=1 (queue active)",
        f"{ts} {host} postfix/smtp[{proc + 1}]: {q}: to=<{rcpt}>, relay={mx}[{ip}]:25, delay=0.{random.randint(1, 9)}, "
        f"delays=0.01/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {qid()})",
        f"{ts} {host} postfix/qmgr[{proc}]: {q}: removed",
    ]


def rows(name):
    """The rows of a tab-separated table beside this script (first line: column names)."""
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as table:
        return [tuple(row) for row in csv.reader(table, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]


def outbound_failures():
    """(our host, mx, mx ip, status, dsn, text) for a remote server refusing ours: each guide row and the common others."""
    return rows("outbound-failures.tsv")


def inbound_rejects():
    """(client name, client ip, helo, reply) for our smtpd refusing a remote client: §5.1-5.6 and others."""
    return rows("inbound-rejects.tsv")


def write_day(day, lines_out):
    second = 3600
    for index in range(90):
        second += random.randint(20, 200)
        ts = iso(day, second)
        host = random.choice(["out1", "out2", "out3"])
        lines_out.extend(delivered(ts, host, random.randint(1000, 9000), qid()))
        if index % 9 == 3:
            lines_out.append(f"{ts} mx1 postfix/smtpd[{random.randint(1000, 9000)}]: connect from unknown[203.0.113.{random.randint(2, 250)}]")
            lines_out.append(f"{ts} mx1 postfix/smtpd[{random.randint(1000, 9000)}]: disconnect from unknown[203.0.113.{random.randint(2, 250)}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
        if index % 40 == 5:
            for host, mx, ip, status, dsn, text in outbound_failures():
                second += random.randint(1, 30)
                ts = iso(day, second)
                rcpt = f"{random.choice(LOCAL)}@{mx.split('.', 1)[1]}"
                lines_out.append(f"{ts} {host} postfix/smtp[{random.randint(1000, 9000)}]: {qid()}: to=<{rcpt}>, relay={mx}[{ip}]:25, "
                                 f"delay={random.randint(1, 900)}, delays=0.1/0/0.3/0.2, dsn={dsn}, status={status} ({text})")
        if index % 45 == 7:
            for name, ip, helo, reply in inbound_rejects():
                second += random.randint(1, 30)
                ts = iso(day, second)
                rcpt = f"{random.choice(LOCAL)}@example.com"
                stage = "RCPT"
                lines_out.append(f"{ts} mx1 postfix/smtpd[{random.randint(1000, 9000)}]: NOQUEUE: reject: {stage} from {name}[{ip}]: {reply}; "
                                 f"from=<sender@{helo if '.' in helo and not helo.startswith('[') else 'example.org'}> to=<{rcpt}> proto=ESMTP helo=<{helo}>")
            pid = random.randint(1000, 9000)
            lines_out.append(f"{iso(day, second)} mx1 postfix/postscreen[{pid}]: CONNECT from [203.0.113.66]:48120 to [192.0.2.30]:25")
            lines_out.append(f"{iso(day, second)} mx1 postfix/dnsblog[{pid + 1}]: addr 203.0.113.66 listed by domain zen.spamhaus.org as 127.0.0.2")
            lines_out.append(f"{iso(day, second)} mx1 postfix/postscreen[{pid}]: DNSBL rank 3 for [203.0.113.66]:48120")
            lines_out.append(f"{iso(day, second)} mx1 postfix/cleanup[{pid + 2}]: 4Q8Jx51B2Bz9sWq: milter-reject: END-OF-MESSAGE from "
                             f"bulk.example.org[203.0.113.66]: 5.7.1 Spam message rejected; from=<offers@example.org> to=<judy@example.com> "
                             f"proto=ESMTP helo=<bulk.example.org>")
    # A message that sat in the queue too long.
    lines_out.append(f"{iso(day, second + 5)} out2 postfix/qmgr[4242]: 3F1A2B3C4D: from=<reports@example.com>, status=expired, returned to sender")
    # Log noise a real file has: an unrelated warning, a truncated line, garbage.
    lines_out.append(f"{iso(day, second + 6)} out1 postfix/smtp[4243]: warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading")
    lines_out.append(f"{iso(day, second + 7)} out2 postfix/smtp[4244]: 7D8E9F0A1B: to=<bob@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=1, dsn=5.7.1, status=bou")
    lines_out.append(f"{iso(day, second + 8)} out2 postfix/smtp[4245]: ABCDEF1234: to=<x@example.net>, relay=none, status=bounced")
    # One MX refuses with 4xx and Postfix tries the next ("host X said:" with no status=), which takes the message.
    # Fixed text and times (no random draw), so the lines above stay as they were.
    lines_out.append(f"{fixed_iso(day, second + 9)} out2 postfix/smtp[4246]: 5A6B7C8D9E: host mx1.example.org[198.51.100.17] said: "
                     f"450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.20] (in reply to RCPT TO command)")
    lines_out.append(f"{fixed_iso(day, second + 10)} out2 postfix/smtp[4246]: 5A6B7C8D9E: to=<grace@example.org>, "
                     f"relay=mx2.example.org[198.51.100.18]:25, delay=2, delays=0.1/0/1/0.9, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D6C5B)")


def fixed_iso(day, second):
    h, rest = divmod(second, 3600)
    m, s = divmod(rest, 60)
    return f"2026-11-{day:02d}T{h:02d}:{m:02d}:{s:02d}.000000+00:00"


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    write_day(25, lines)
    write_day(26, lines)
    with open(os.path.join(OUT, "mail.log"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    # A rotated, compressed file in the classic RFC 3164 format across New Year: the date in the file name
    # (its rotation day) decides the year of each line.
    old = [
        "Dec 31 23:58:01 mx1 postfix/smtpd[311]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 450 4.7.1 Client host rejected: "
        "cannot find your hostname, [203.0.113.5]; from=<a@example.org> to=<alice@example.com> proto=ESMTP helo=<mail.example.com>",
        "Dec 31 23:59:59 out1 postfix/smtp[312]: 1A2B3C4D5E: to=<dave@example.net>, relay=mx.example.net[198.51.100.5]:25, delay=2, "
        "delays=0.1/0/1/0.9, dsn=5.7.1, status=bounced (host mx.example.net[198.51.100.5] said: 554 5.7.1 Service unavailable; Client host "
        "[192.0.2.10] blocked using zen.spamhaus.org (in reply to RCPT TO command))",
        "Jan  1 00:00:03 out1 postfix/qmgr[300]: 1A2B3C4D5F: from=<newsletter@example.com>, size=1200, nrcpt=1 (queue active)",
        "Jan  1 00:00:04 out1 postfix/smtp[312]: 1A2B3C4D5F: to=<erin@example.org>, relay=mx1.example.org[198.51.100.17]:25, delay=1, "
        "delays=0.1/0/0.5/0.4, dsn=5.7.1, status=bounced (host mx1.example.org[198.51.100.17] said: 550 5.7.1 Service unavailable; client "
        "[192.0.2.10] blocked using zen.spamhaus.org (in reply to RCPT TO command))",
        "Jan 01 00:01:00 mx1 postfix/submission/smtpd[313]: NOQUEUE: reject: RCPT from unknown[203.0.113.23]: 504 5.5.2 <mailserver>: Helo "
        "command rejected: need fully-qualified hostname; from=<x@example.net> to=<bob@example.com> proto=ESMTP helo=<mailserver>",
        "Jan 1 00:02:00 out2 postfix-out/smtp[314]: 2B3C4D5E6F: to=<frank@example.edu>, relay=mx.example.edu[198.51.100.41]:25, delay=3, "
        "delays=0.1/0/2/0.9, dsn=4.7.1, status=deferred (host mx.example.edu[198.51.100.41] said: 450 4.7.1 Client host rejected: cannot "
        "find your hostname, [192.0.2.20] (in reply to RCPT TO command))",
    ]
    with gzip.GzipFile(os.path.join(OUT, "maillog-20260101.gz"), "wb", mtime=0) as out:
        out.write(("\n".join(old) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
