#!/usr/bin/env python3
"""Writes N SMTP replies, one per line, for timing `mailtriage explain --file` (BENCHMARKS.md).

A deterministic mix of the replies the nightly job meets most — blocklist refusals, PTR and HELO rejects,
greylisting, unknown users, full mailboxes, spam filters, multi-line replies flattened — with varied IPs,
lists and codes. Documentation IPs and example domains only.
    bench/make_replies.py 10000 > /tmp/replies.txt
"""
import random
import sys

TEMPLATES = [
    "550 5.7.1 Service unavailable; client [{ip}] blocked using {list}",
    "554 5.7.1 Service unavailable; Client host [{ip}] blocked using {list}; https://www.spamhaus.org/query/ip/{ip}",
    "550 5.7.1 [{ip}] is listed on {list}; see https://{list}/lookup?ip={ip}",
    "450 4.7.1 Client host rejected: cannot find your hostname, [{ip}]",
    "550 5.7.25 [{ip}] The IP address sending this message does not have a PTR record setup, or the corresponding "
    "forward DNS entry does not point to the sending IP.",
    "450 4.7.1 <{helo}>: Helo command rejected: Host not found",
    "504 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname",
    "501 5.5.2 <{helo}>: Helo command rejected: Invalid name",
    "550 5.7.1 Mail from dynamic IP {ip} refused; use your provider's smart host",
    "450 4.2.0 <{user}@{domain}>: Recipient address rejected: Greylisted, see https://{domain}/greylisting",
    "550 5.1.1 <{user}@{domain}>: Recipient address rejected: User unknown in virtual mailbox table",
    "552 5.2.2 <{user}@{domain}>: mailbox full",
    "550 5.7.1 Message rejected as spam by content filter",
    "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints",
    "550-5.7.1 Your mail was refused. 550-5.7.1 Please contact your provider: part of their network is on our "
    "block list (S3150). 550 5.7.1 https://mail.example/delist",
    "451 4.3.0 Temporary local problem - please try later",
    "554 5.7.1 <{user}@{domain}>: Relay access denied",
    "550 5.7.26 Unauthenticated email from {domain} is not accepted due to domain's DMARC policy",
]
LISTS = ["zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org", "dnsbl.sorbs.net", "psbl.surriel.com"]
DOMAINS = ["example.net", "example.org", "example.com", "mail.example", "mx.test"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rng = random.Random(17)
    out = sys.stdout
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        out.write(template.format(ip=f"192.0.2.{rng.randrange(1, 255)}", list=rng.choice(LISTS),
                                  helo=rng.choice(["localhost", "mail", "out1.example.com", "bad_name"]),
                                  user=f"user{rng.randrange(1000)}", domain=rng.choice(DOMAINS)) + "\n")


if __name__ == "__main__":
    main()
