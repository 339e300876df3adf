#!/usr/bin/env python3
"""Wraps reply wordings into bounce emails, so that `tools/sisimai/diff.sh` can compare mailtriage and Sisimai on
them in the context a bounce gives (a Postfix-style RFC 3464 report: the notice with "(in reply to X command)", a
delivery-status part, the returned headers). Input: TSV files with a `reply` column and optionally `stage`
(RCPT, DATA, ... or -) and `remote_host` (the receiving MX, e.g. mx.orange.fr: the reference decoder picks its
per-provider table from it and from the recipient's domain: `recipient_domain`, else the MX name without its first
label); output: one mbox. Documentation addresses only, except a provider's own MX and domain named in `remote_host`.
  python3 tools/sisimai/wordings_to_mbox.py OUT.mbox WORDINGS.tsv..."""
import csv
import re
import sys

COMMANDS = {'CONNECT': None, 'HELO': 'EHLO', 'MAIL': 'MAIL FROM', 'RCPT': 'RCPT TO', 'DATA': 'DATA', 'END-OF-DATA': 'end of DATA'}


def bounce(number, reply, stage, remote_host='mx.example.com', domain=None):
    domain = domain or remote_host.split('.', 1)[1]
    recipient = f'user{number}@{domain}'
    match = re.match(r'\s*([245]\d\d)[ -]+(?:([245]\.\d{1,3}\.\d{1,3})\s)?', reply)
    if match:
        status = match.group(2) or f'{match.group(1)[0]}.0.0'
        command = COMMANDS.get(stage)
        said = f'host {remote_host}[192.0.2.25] said: {reply}' + (f' (in reply to {command} command)' if command else '')
        if stage == 'CONNECT':
            said = f'host {remote_host}[192.0.2.25] refused to talk to me: {reply}'
        diagnostic = f'smtp; {reply}'
    else:
        status = '5.0.0'
        said = reply
        diagnostic = f'X-Postfix; {reply}'
    boundary = f'B{number:06d}.mx.example.net'
    return f"""From MAILER-DAEMON Fri Dec  4 00:00:00 2026
Return-Path: <>
Date: Fri, 4 Dec 2026 00:00:{number % 60:02d} +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Message-Id: <20261204000000.{number:06d}@mx.example.net>

This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=utf-8

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<{recipient}>: {said}

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: {number:06X}
Arrival-Date: Fri,  4 Dec 2026 00:00:00 +0000 (UTC)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: {status}
Remote-MTA: dns; {remote_host}
Diagnostic-Code: {diagnostic}

--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <sender@example.org>
Received: from out.example.org (out.example.org [198.51.100.7])
\tby mx.example.net (Postfix) with ESMTP id {number:06X}
\tfor <{recipient}>; Fri,  4 Dec 2026 00:00:00 +0000 (UTC)
From: sender@example.org
To: {recipient}
Subject: test {number}
Message-Id: <{number}@out.example.org>
Date: Fri, 4 Dec 2026 00:00:00 +0000

--{boundary}--

"""


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    number = 0
    with open(out, 'w', encoding='utf-8') as mbox:
        for path in inputs:
            with open(path, encoding='utf-8', newline='') as handle:
                for row in csv.DictReader(handle, delimiter='\t', quoting=csv.QUOTE_NONE):
                    reply = (row.get('reply') or '').strip()
                    if not reply:
                        continue
                    number += 1
                    mbox.write(bounce(number, reply, (row.get('stage') or '-').strip(), (row.get('remote_host') or '').strip() or 'mx.example.com',
                                       (row.get('recipient_domain') or '').strip() or None))
    print(f'{number} bounces written to {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
