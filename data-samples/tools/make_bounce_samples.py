#!/usr/bin/env python3
"""Writes data-samples/bounces/*: bounce messages written for the project.

- guide/*.eml: each row of the guide (seed/GUIDE.md) as the RFC 3464 DSN our own Postfix (out1/out2)
  sends back when a receiver refuses with that reply;
- chinese-provider-gbk.eml: a non-DSN bounce from a Chinese provider, GBK-encoded, base64;
- archive.mbox: an mbox holding several bounces (Exim, qmail, Sendmail) and one auto-reply;
- maildir/{cur,new,tmp}: a Maildir with a bounce in new/, an ARF feedback report in cur/, tmp/ empty;
- exchange-delayed.eml.gz: a gzip-compressed Exchange/Office 365 style "delayed" DSN.

Deterministic. Documentation IP ranges and example domains only. Rerun after editing; the output is committed.
"""
import base64
import gzip
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "bounces")

GUIDE = [
    # file, our server, our ip, helo, remote mx, remote ip, recipient, status, reply, stage
    ("blocklisted", "out1.example.com", "192.0.2.10", "out1.example.com", "mx.example.net", "198.51.100.5",
     "alice@example.net", "5.7.1",
     "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org", "RCPT TO"),
    ("no-ptr", "out2.example.com", "192.0.2.21", "out2.example.com", "mx1.example.org", "198.51.100.17",
     "bob@example.org", "4.7.1",
     "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.21]", "RCPT TO"),
    ("helo-host-not-found", "out2.example.com", "192.0.2.20", "mail.example.invalid", "smtp.mail.example", "198.51.100.33",
     "carol@mail.example", "4.7.1",
     "450 4.7.1 <mail.example.invalid>: Helo command rejected: Host not found", "RCPT TO"),
    ("helo-not-fqdn", "out3.example.com", "2001:db8:10::25", "out3", "mx.example.edu", "198.51.100.41",
     "dave@example.edu", "5.5.2",
     "504 5.5.2 <out3>: Helo command rejected: need fully-qualified hostname", "RCPT TO"),
    ("helo-invalid-name", "out1.example.com", "192.0.2.10", "\u90ae\u4ef6\u670d\u52a1\u5668", "in.mail.test", "198.51.100.58",
     "erin@mail.test", "5.5.2",
     "501 5.5.2 <\u90ae\u4ef6\u670d\u52a1\u5668>: Helo command rejected: Invalid name", "RCPT TO"),
    ("dynamic-ip", "out2.example.com", "192.0.2.20", "out2.example.com", "mx.example.net", "198.51.100.5",
     "frank@example.net", "5.7.1",
     "554 5.7.1 <frank@example.net>: Recipient address rejected: Dynamic IP", "RCPT TO"),
]


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def postfix_dsn(name, server, ip, helo, mx, mx_ip, rcpt, status, reply, stage, day):
    qid = ("4F%08X" % zlib.crc32(name.encode()))[:10]
    boundary = "%s.1795%06d/%s" % (qid, day * 1000, server)
    action = "delayed" if status.startswith("4") else "failed"
    words = reply.split(" ", 2)
    return f"""Return-Path: <>
Received: by {server} (Postfix)
	id {qid}; Thu, {day} Nov 2026 03:1{day % 10}:05 +0000 (UTC)
Date: Thu, {day} Nov 2026 03:1{day % 10}:05 +0000 (UTC)
From: MAILER-DAEMON@{server} (Mail Delivery System)
Subject: {"Delayed Mail (still being retried)" if action == "delayed" else "Undelivered Mail Returned to Sender"}
To: newsletter@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="{boundary}"
Message-Id: <2026112603{day:02d}.{qid}@{server}>

This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {server}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<{rcpt}>: host {mx}[{mx_ip}] said: {reply} (in reply
    to {stage} command)

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {server}
X-Postfix-Queue-ID: {qid}
X-Postfix-Sender: rfc822; newsletter@example.com
Arrival-Date: Thu, {day} Nov 2026 03:0{day % 10}:41 +0000 (UTC)

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822;{rcpt}
Action: {action}
Status: {status}
Remote-MTA: dns; {mx}
Diagnostic-Code: smtp; {reply}

--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers; charset=utf-8
Content-Transfer-Encoding: 8bit

Return-Path: <newsletter@example.com>
Received: from {helo} ({server} [{ip}])
	by {mx} with ESMTP id {qid}
	for <{rcpt}>; Thu, {day} Nov 2026 03:0{day % 10}:41 +0000 (UTC)
From: Newsletter <newsletter@example.com>
To: <{rcpt}>
Subject: November news
Message-ID: <news-2026-11-{day:02d}-{name}@example.com>
Date: Thu, {day} Nov 2026 03:0{day % 10}:40 +0000

--{boundary}--
"""


def chinese_gbk_bounce():
    body = """您好，您发送的邮件被退回。

收件人: grace@mail.example
退信原因: 对方服务器拒收 (IP 192.0.2.20 在反垃圾邮件联盟 RBL 黑名单中)
服务器返回: 550 5.7.1 Mail from 192.0.2.20 is listed in RBL, see http://www.anti-spam.org.cn/

建议: 请联系您的邮件服务器管理员申请解除黑名单。

------------------ 原始邮件 ------------------
Received: from out2.example.com ([192.0.2.20])
	by mx.mail.example with ESMTP id 20261126AA01
From: newsletter@example.com
To: grace@mail.example
Subject: November news
Message-ID: <news-2026-11-26-grace@example.com>
"""
    encoded = base64.encodebytes(body.encode("gbk")).decode("ascii")
    subject = "=?GBK?B?" + base64.b64encode("系统退信".encode("gbk")).decode("ascii") + "?="
    sender = "=?GBK?B?" + base64.b64encode("系统管理员".encode("gbk")).decode("ascii") + "?="
    return f"""Return-Path: <>
Received: from mx.mail.example (mx.mail.example [198.51.100.33])
	by out2.example.com (Postfix) with ESMTP id 7A1C2B3D4E
	for <newsletter@example.com>; Thu, 26 Nov 2026 05:21:09 +0800 (CST)
Date: Thu, 26 Nov 2026 05:21:09 +0800
From: {sender} <postmaster@mail.example>
To: newsletter@example.com
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset="GBK"
Content-Transfer-Encoding: base64

{encoded}"""


EXIM = """From MAILER-DAEMON Thu Nov 26 04:01:10 2026
Return-path: <>
Received: from Debian-exim by out1.example.com with local (Exim 4.96)
	id 1vAbCd-000123-EF
	for newsletter@example.com; Thu, 26 Nov 2026 04:01:10 +0000
X-Failed-Recipients: heidi@example.org
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@out1.example.com>
To: newsletter@example.com
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1vAbCd-000123-EF@out1.example.com>
Date: Thu, 26 Nov 2026 04:01:10 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  heidi@example.org
    host mx1.example.org [198.51.100.17]
    SMTP error from remote mail server after RCPT TO:<heidi@example.org>:
    550 5.1.1 <heidi@example.org>: Recipient address rejected: User unknown in virtual mailbox table

------ This is a copy of the message, including all the headers. ------

Return-path: <newsletter@example.com>
Received: from [192.0.2.10] (helo=out1.example.com)
	by out1.example.com with esmtp (Exim 4.96)
	id 1vAbCc-000122-AA
	for heidi@example.org; Thu, 26 Nov 2026 04:01:09 +0000
From: newsletter@example.com
To: heidi@example.org
Subject: November news
Message-ID: <news-2026-11-26-heidi@example.com>

>From the editor: hello.

"""

QMAIL = """From MAILER-DAEMON Thu Nov 26 04:12:31 2026
Return-Path: <>
Date: 26 Nov 2026 04:12:31 -0000
From: MAILER-DAEMON@out2.example.com
To: newsletter@example.com
Subject: failure notice

Hi. This is the qmail-send program at out2.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<ivan@example.edu>:
198.51.100.41 does not like recipient.
Remote host said: 552 5.2.2 <ivan@example.edu>: Mailbox full
Giving up on 198.51.100.41.

--- Below this line is a copy of the message.

Return-Path: <newsletter@example.com>
Received: (qmail 4242 invoked by uid 1001); 26 Nov 2026 04:12:30 -0000
Message-ID: <news-2026-11-26-ivan@example.com>
From: newsletter@example.com
To: ivan@example.edu
Subject: November news

>>From mbox-rd quoting: this line kept one '>'.

"""

SENDMAIL = """From MAILER-DAEMON Thu Nov 26 04:20:02 2026
Return-Path: <>
Date: Thu, 26 Nov 2026 04:20:02 GMT
From: Mail Delivery Subsystem <MAILER-DAEMON@mx1.example.com>
To: <newsletter@example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="5AQ4K2p0012345.1795000002/mx1.example.com"
Subject: Returned mail: see transcript for details
Auto-Submitted: auto-generated (failure)

This is a MIME-encapsulated message

--5AQ4K2p0012345.1795000002/mx1.example.com

The original message was received at Thu, 26 Nov 2026 04:19:58 GMT
from out1.example.com [192.0.2.10]

   ----- The following addresses had permanent fatal errors -----
<judy@example.net>
    (reason: 554 5.7.1 Service unavailable; Client host [192.0.2.30] blocked using bl.spamcop.net)

   ----- Transcript of session follows -----
... while talking to mx.example.net.:
>>> RCPT To:<judy@example.net>
<<< 554 5.7.1 Service unavailable; Client host [192.0.2.30] blocked using bl.spamcop.net
554 5.0.0 Service unavailable

--5AQ4K2p0012345.1795000002/mx1.example.com
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.example.com
Received-From-MTA: DNS; out1.example.com
Arrival-Date: Thu, 26 Nov 2026 04:19:58 GMT

Final-Recipient: RFC822; judy@example.net
Action: failed
Status: 5.7.1
Remote-MTA: DNS; mx.example.net
Diagnostic-Code: SMTP; 554 5.7.1 Service unavailable; Client host [192.0.2.30] blocked using bl.spamcop.net
Last-Attempt-Date: Thu, 26 Nov 2026 04:20:02 GMT

--5AQ4K2p0012345.1795000002/mx1.example.com
Content-Type: text/rfc822-headers

Return-Path: <newsletter@example.com>
Received: from mx1.example.com (mx1.example.com [192.0.2.30])
	by mx.example.net (8.18.1/8.18.1) with ESMTP id 5AQ4K2p0012345
	for <judy@example.net>; Thu, 26 Nov 2026 04:19:58 GMT
From: newsletter@example.com
To: judy@example.net
Subject: November news
Message-ID: <news-2026-11-26-judy@example.com>

--5AQ4K2p0012345.1795000002/mx1.example.com--

"""

VACATION = """From alice@example.net Thu Nov 26 04:30:00 2026
Return-Path: <>
Date: Thu, 26 Nov 2026 04:30:00 +0000
From: Alice <alice@example.net>
To: newsletter@example.com
Subject: Out of office: November news
Auto-Submitted: auto-replied
Precedence: auto_reply
Message-ID: <ooo-2026-11-26@example.net>

I am away until December 1st with limited access to mail.

"""

ARF = """Return-Path: <fbl@example.org>
Date: Thu, 26 Nov 2026 06:00:00 +0000
From: Feedback Loop <fbl@example.org>
To: abuse@example.com
Subject: FW: November news
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary-2026"
Message-ID: <arf-2026-11-26@example.org>

--arf-boundary-2026
Content-Type: text/plain; charset=us-ascii

This is an email abuse report for an email message received from IP 192.0.2.10.

--arf-boundary-2026
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: <newsletter@example.com>
Original-Rcpt-To: <bob@example.org>
Source-IP: 192.0.2.10
Arrival-Date: Thu, 26 Nov 2026 03:00:00 +0000

--arf-boundary-2026
Content-Type: text/rfc822-headers

Received: from out1.example.com (out1.example.com [192.0.2.10])
	by mx1.example.org with ESMTP id ABCDEF
From: newsletter@example.com
To: bob@example.org
Subject: November news
Message-ID: <news-2026-11-26-bob@example.com>

--arf-boundary-2026--
"""

DELAYED = """Return-Path: <>
Received: from out1.example.com ([192.0.2.10]) by mail.example.test with Microsoft SMTP Server; Thu, 26 Nov 2026 08:00:00 +0000
From: postmaster@mail.example.test
To: newsletter@example.com
Date: Thu, 26 Nov 2026 08:00:00 +0000
Subject: Delivery delayed:November news
Content-Type: multipart/report; report-type=delivery-status;
	boundary="_000_delayed_example_test_"
MIME-Version: 1.0
Auto-Submitted: auto-replied

--_000_delayed_example_test_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Delivery is delayed to these recipients or groups:

oscar@example.test

Subject: November news

This message hasn't been delivered yet. Delivery will continue to be attemp=
ted.

--_000_delayed_example_test_
Content-Type: message/delivery-status

Reporting-MTA: dns;mail.example.test
Received-From-MTA: dns;out1.example.com
Arrival-Date: Thu, 26 Nov 2026 04:00:00 +0000

Final-Recipient: rfc822;oscar@example.test
Action: delayed
Status: 4.4.7
Diagnostic-Code: smtp;400 4.4.7 Message delayed
Will-Retry-Until: Sat, 28 Nov 2026 04:00:00 +0000
X-Display-Name: Oscar

--_000_delayed_example_test_
Content-Type: text/rfc822-headers

Received: from out1.example.com (out1.example.com [192.0.2.10]) by mail.example.test with ESMTP; Thu, 26 Nov 2026 04:00:00 +0000
From: newsletter@example.com
To: oscar@example.test
Subject: November news
Message-ID: <news-2026-11-26-oscar@example.com>

--_000_delayed_example_test_--
"""


def write(path, text, encoding="utf-8", line_end="\n"):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = text.replace("\n", line_end).encode(encoding)
    with open(full, "wb") as handle:
        handle.write(data)


def main():
    for index, (name, server, ip, helo, mx, mx_ip, rcpt, status, reply, stage) in enumerate(GUIDE):
        text = postfix_dsn(name, server, ip, helo, mx, mx_ip, rcpt, status, reply, stage, 26)
        # The blocklisted one is written with CRLF line ends, as many mail stores keep them.
        write(os.path.join("guide", name + ".eml"), text, line_end="\r\n" if name == "blocklisted" else "\n")
    with open(os.path.join(OUT, "chinese-provider-gbk.eml"), "wb") as handle:
        handle.write(chinese_gbk_bounce().encode("ascii"))
    write("archive.mbox", EXIM + QMAIL + SENDMAIL + VACATION)
    write(os.path.join("maildir", "new", "1795640000.M1P42.out1.example.com"), SENDMAIL.split("\n", 1)[1])
    write(os.path.join("maildir", "cur", "1795643600.M2P43.out1.example.com:2,S"), ARF)
    os.makedirs(os.path.join(OUT, "maildir", "tmp"), exist_ok=True)
    with open(os.path.join(OUT, "maildir", "tmp", ".keep"), "w") as handle:
        handle.write("")
    with gzip.GzipFile(os.path.join(OUT, "exchange-delayed.eml.gz"), "wb", mtime=0) as handle:
        handle.write(DELAYED.encode("utf-8"))


if __name__ == "__main__":
    main()
