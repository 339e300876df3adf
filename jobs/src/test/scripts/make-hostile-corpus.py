#!/usr/bin/env python3
"""Writes the committed part of the hostile-input corpus (jobs/src/test/resources/hostile/).

Deterministic (seeded), so rerunning it reproduces the committed bytes. The big and special files
(10 MB line, one-huge-message mbox, gzip bombs, FIFO, symlink loops, ...) are not written here:
HostileCorpusTest generates them into its temporary directory. _manifest.csv lists both kinds.
Usage: python3 jobs/src/test/scripts/make-hostile-corpus.py  (from the repository root)
"""
import csv
import gzip
import io
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "hostile")
COMPRESSED = ROOT + "-compressed"
RNG = random.Random(9)
FILES = {}


def put(name, data, tests, expected):
    if isinstance(data, str):
        data = data.encode("utf-8")
    FILES[name] = (data, tests, expected)


def gz(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as out:
        out.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


# ---- Postfix -------------------------------------------------------------------------------------
PF_BOUNCE = ("Nov 26 01:12:12 out1 postfix/smtp[2320]: 69ED4A7D77: to=<erin@example.net>, relay=mx.example.net[198.51.100.5]:25, "
             "delay=44, delays=0.1/0/0.3/0.2, dsn=5.7.1, status=bounced (host mx.example.net[198.51.100.5] said: 554 5.7.1 "
             "Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org (in reply to RCPT TO command))")
PF_MULTI = ("Nov 26 01:12:47 out1 postfix/smtp[1944]: E29EDD5532: to=<judy@mail.example>, relay=smtp.mail.example[198.51.100.33]:25, "
            "delay=679, delays=0.1/0/0.3/0.2, dsn=5.7.1, status=bounced (host smtp.mail.example[198.51.100.33] said: 550-5.7.1 "
            "Unfortunately, messages from [192.0.2.10] weren't sent. 550-5.7.1 Please contact your Internet service provider since "
            "part of their network is on our block list (S3150). 550 5.7.1 You can also refer your provider to "
            "http://mail.example/delist (in reply to RCPT TO command))")
PF_REJECT = ("Nov 26 01:13:00 mx1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[203.0.113.7]: 450 4.7.1 Client host "
             "rejected: cannot find your hostname, [203.0.113.7]; from=<a@example.org> to=<b@example.com> proto=ESMTP helo=<x.example.org>")
PF_SENT = ("Nov 26 01:02:21 out1 postfix/smtp[6112]: 29A793DB74: to=<judy@mail.test>, relay=in.mail.test[198.51.100.58]:25, "
           "delay=0.7, delays=0.01/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as BB6F273BC8)")
PF_QMGR = "Nov 26 01:02:21 out1 postfix/qmgr[6111]: 29A793DB74: from=<newsletter@example.com>, size=54054, nrcpt=1 (queue active)"
PF_REMOVED = "Nov 26 01:02:21 out1 postfix/qmgr[6111]: 29A793DB74: removed"
PF_NOISE = [PF_QMGR, PF_SENT, PF_REMOVED]


def truncated_gz(data):
    whole = gz(data)
    return whole[:len(whole) * 2 // 3]


def lines(*items):
    return "\n".join(items) + "\n"


PF_BASE = lines(*PF_NOISE, PF_BOUNCE, PF_MULTI, PF_REJECT, *PF_NOISE)
put("postfix-valid-baseline.log", PF_BASE, "a clean Postfix log: the reference the variants break", "events=3;quarantine=0")
put("postfix-truncated-mid-line.log", lines(*PF_NOISE, PF_BOUNCE) + PF_BOUNCE[:90],
    "last line cut in the middle, no newline", "events=1")
put("postfix-truncated-mid-multiline-reply.log", lines(*PF_NOISE) + PF_MULTI[:PF_MULTI.index("550-5.7.1 Please") + 14],
    "file ends inside a multi-line 550- reply", "events<=1")
put("postfix-whitespace-only-lines.log", "\n".join([PF_QMGR, "   ", "\t\t", PF_BOUNCE, " \t \r", "", PF_SENT, "        "]) + "\n",
    "lines of only spaces/tabs between real lines", "events=1;quarantine=0")
put("postfix-impossible-syslog-date.log", lines(*PF_NOISE, PF_BOUNCE.replace("Nov 26 01:12:12", "Feb 30 25:61:99"),
                                                 PF_REJECT.replace("Nov 26", "Foo 99")),
    "syslog header with Feb 30 25:61:99 and month Foo", "events=0")
put("postfix-huge-pid.log", lines(*PF_NOISE, PF_BOUNCE.replace("[2320]", "[" + "9" * 40 + "]"),
                                  PF_REJECT.replace("[3001]", "[-1]")),
    "PIDs of 40 digits and negative", "")
put("postfix-nul-bytes.log", (lines(*PF_NOISE) + PF_BOUNCE.replace("said: 554", "said:\0\0 554") + "\n" + "\0" * 300 + "\n"
                              + PF_REJECT.replace(" reject:", "\0reject:") + "\n"),
    "NUL bytes inside failure lines and a line of NULs", "")
put("postfix-invalid-utf8.log", lines(*PF_NOISE).encode() + PF_BOUNCE.encode().replace(b"Service", b"Serv\xff\xfe\xc0\xafice")
    + b"\n" + b"\xed\xa0\x80\xf8\x88\x80\x80\x80 not utf-8\n" + PF_REJECT.encode() + b"\n",
    "invalid UTF-8: stray continuation bytes, overlong forms, surrogates", "events>=1")
put("postfix-mixed-charsets.log", lines(*PF_NOISE).encode() + PF_BOUNCE.replace("Service unavailable", "Dienst nicht verfügbar").encode("latin-1")
    + b"\n" + PF_MULTI.replace("Unfortunately", "邮件被拒绝").encode("gbk") + b"\n"
    + PF_REJECT.replace("cannot find", "ne peut pas trouvé").encode("utf-8") + b"\n",
    "Latin-1, GBK and UTF-8 text in one file", "events=3")
put("postfix-cr-only-line-endings.log", "\r".join([*PF_NOISE, PF_BOUNCE, PF_REJECT]) + "\r",
    "old-Mac CR-only line endings: one physical line", "")
put("postfix-crlf-line-endings.log", "\r\n".join([*PF_NOISE, PF_BOUNCE, PF_REJECT]) + "\r\n",
    "CRLF line endings", "events=2;quarantine=0")
put("postfix-line-100k.log", lines(PF_QMGR, PF_BOUNCE.replace("Service unavailable", "x" * 100_000), PF_REJECT),
    "a 100 KB failure line (over the 64 KB line limit)", "events=1;reason:line_too_long")
put("postfix-utf8-bom.log", "\ufeff" + PF_BASE, "UTF-8 byte-order mark before the first line", "events=3")
put("postfix-binary-block-in-middle.log", lines(*PF_NOISE, PF_BOUNCE).encode() + bytes(RNG.getrandbits(8) for _ in range(3000))
    + b"\n" + lines(PF_REJECT, *PF_NOISE).encode(), "3 KB of random bytes between log lines", "events>=2")
put("postfix-control-characters.log", lines(*PF_NOISE, PF_BOUNCE.replace("said:", "said:\x1b[31m\x07\x08\x7f"),
                                            PF_REJECT.replace("Client", "Cli\x0cent\x0b")),
    "terminal escapes and control characters in replies", "events=2")
put("postfix-no-trailing-newline.log", "\n".join([*PF_NOISE, PF_BOUNCE]), "last line has no newline", "events=1")
put("postfix-empty-reply.log", lines(*PF_NOISE, PF_BOUNCE[:PF_BOUNCE.index("(host")] + "(host mx.example.net[198.51.100.5] said: )",
                                     PF_BOUNCE[:PF_BOUNCE.index("(host")] + "()", PF_BOUNCE[:PF_BOUNCE.index("(host")]),
    "status=bounced with empty or missing reply", "")
put("postfix-unbalanced-parentheses.log", lines(*PF_NOISE, PF_BOUNCE.replace("(in reply to RCPT TO command))", "((((in reply"),
                                                PF_BOUNCE.replace("(host", ")))host")),
    "reply parentheses never closed or closed first", "")
put("postfix-rfc5424-garbage.log", lines("<22>1 2026-11-26T01:12:12.000000+00:00 out1 postfix/smtp 2320 - [x@1 a=\"]\"] " + PF_BOUNCE[PF_BOUNCE.index("69ED"):],
                                         "<999999>1 9999-99-99T99:99:99Z out1 postfix/smtp - - - " + PF_BOUNCE[PF_BOUNCE.index("69ED"):],
                                         *PF_NOISE),
    "RFC 5424 headers with bad priority, bad date, odd structured data", "")
put("postfix-bad-ip-addresses.log", lines(*PF_NOISE, PF_BOUNCE.replace("198.51.100.5", "999.300.1.2"),
                                          PF_REJECT.replace("203.0.113.7", "zz::zz:gg"), PF_BOUNCE.replace("192.0.2.10", "[[[")),
    "IP addresses that are not IP addresses", "")
put("postfix-huge-queue-id.log", lines(*PF_NOISE, PF_BOUNCE.replace("69ED4A7D77", "A" * 20_000)),
    "a 20 KB queue id", "")
put("postfix-noqueue-reject-missing-fields.log", lines(*PF_NOISE, "Nov 26 01:13:00 mx1 postfix/smtpd[3001]: NOQUEUE: reject:",
                                                       "Nov 26 01:13:00 mx1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from",
                                                       "Nov 26 01:13:00 mx1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[203.0.113.7]: 554"),
    "NOQUEUE reject lines cut short", "")
put("postfix-many-recipients-one-line.log", lines(*PF_NOISE, PF_BOUNCE.replace("to=<erin@example.net>", "to=<" + ",".join(
    "r%d@example.net" % i for i in range(2000)) + ">")), "one bounce line naming 2000 recipients", "")
put("postfix-ten-thousand-identical-bounces.log", lines(*[PF_BOUNCE] * 10_000), "10,000 identical failure lines", "events=10000")
put("postfix-all-lines-too-long.log", lines(*[PF_BOUNCE + " " + "z" * 70_000] * 3), "every line over the 64 KB limit", "events=0;quarantine=3")
# gzip variants
put("postfix-valid.log.gz", gz(PF_BASE), "gzip of a clean Postfix log", "events=3;quarantine=0")
put("postfix-gzip-truncated.log.gz", truncated_gz(PF_BASE * 200), "gzip cut in the middle of its deflate stream", "reason:read_error")
corrupt = bytearray(gz(PF_BASE * 50))
for index in range(200, 260):
    corrupt[index] ^= 0x5A
put("postfix-gzip-corrupt-deflate.log.gz", bytes(corrupt), "gzip whose deflate data is damaged (bad block/CRC)", "")
put("postfix-gzip-concatenated-members.log.gz", gz(PF_BASE) + gz(PF_BASE), "two gzip members back to back (legal)", "events=6")
put("postfix-gzip-trailing-garbage.log.gz", gz(PF_BASE) + b"GARBAGE AFTER THE MEMBER\x00\x01\x02",
    "a gzip member followed by garbage", "")
put("postfix-gzip-of-empty.log.gz", gz(b""), "gzip of zero bytes", "unrecognised")
put("postfix-not-gzip-but-named.log.gz", PF_BASE, "plain text named .gz", "unrecognised")
put("postfix-gzip-header-only.log.gz", gz(PF_BASE)[:10], "only the 10-byte gzip header", "unrecognised")
put("postfix-gzip-crc-wrong.log.gz", gz(PF_BASE)[:-8] + b"\x00\x00\x00\x00" + gz(PF_BASE)[-4:], "gzip with a wrong CRC32 trailer", "")

# ---- Exim -----------------------------------------------------------------------------------------
EX_BOUNCE = ("2026-11-26 03:14:15 1RookS-000Pg8-VO ** alice@example.net R=dnslookup T=remote_smtp: SMTP error from remote mail "
             "server after RCPT TO:<alice@example.net>: host mx.example.net [198.51.100.5]: 550 5.7.1 Service unavailable; client "
             "[192.0.2.40] blocked using zen.spamhaus.org")
EX_MULTI = ("2026-11-26 03:15:02.417 [24518] 1wtcTj-00000008OnA-0eY6 ** heidi@example.org R=dnslookup T=remote_smtp "
            "H=mx1.example.org [198.51.100.17]: SMTP error from remote mail server after end of data: 550-5.7.25 [192.0.2.40] The IP "
            "address sending this message does not have a PTR record setup\\n550-5.7.25 forward DNS entry does not point to the "
            "sending IP.\\n550 5.7.25 does not accept messages from IPs with missing PTR records.")
EX_NOISE = ["2026-11-26 03:00:00 Start queue run: pid=24400",
            "2026-11-26 03:14:15 1Rn000-000Qa0-X0 <= newsletter@example.com U=mailman P=local S=18000 id=20261126.0@example.com",
            "2026-11-26 03:14:15 1Rn000-000Qa0-X0 Completed"]
put("exim-valid-baseline.log", lines(*EX_NOISE, EX_BOUNCE, EX_MULTI), "a clean Exim mainlog", "events=2;quarantine=0")
put("exim-truncated-mid-multiline-reply.log", lines(*EX_NOISE) + EX_MULTI[:EX_MULTI.index("\\n550-") + 8],
    "file ends inside an escaped multi-line reply", "")
put("exim-whitespace-only-lines.log", lines(EX_NOISE[0], "   ", EX_BOUNCE, "\t", *EX_NOISE[1:]), "blank-looking lines", "events=1")
put("exim-impossible-date.log", lines(*EX_NOISE, EX_BOUNCE.replace("2026-11-26 03:14:15", "2026-02-30 25:61:99"),
                                      EX_MULTI.replace("2026-11-26", "2026-13-45")),
    "dates that do not exist (Feb 30, month 13, hour 25)", "events=0")
put("exim-huge-pid.log", lines(*EX_NOISE, EX_MULTI.replace("[24518]", "[" + "9" * 40 + "]")), "a 40-digit pid", "")
put("exim-nul-bytes.log", lines(*EX_NOISE, EX_BOUNCE.replace("550", "\0\x00550")) + "\0" * 500 + "\n", "NUL bytes", "")
put("exim-invalid-utf8.log", lines(*EX_NOISE).encode() + EX_BOUNCE.encode().replace(b"Service", b"\xc3\x28\xa0\xa1") + b"\n",
    "invalid UTF-8 in a reply", "events=1")
put("exim-cr-only-line-endings.log", "\r".join([*EX_NOISE, EX_BOUNCE, EX_MULTI]) + "\r", "CR-only line endings", "")
put("exim-gzip-truncated.log.gz", truncated_gz(lines(*EX_NOISE, EX_BOUNCE) * 100), "truncated gzip of an Exim log", "reason:read_error")
put("exim-valid.log.gz", gz(lines(*EX_NOISE, EX_BOUNCE, EX_MULTI)), "gzip of a clean Exim log", "events=2")

# ---- Sendmail -------------------------------------------------------------------------------------
SM_BOUNCE = ("Nov 26 05:01:10 sm1 sm-mta[3101]: 5AQ51A9x003101: to=<alice@example.net>, ctladdr=<newsletter@example.com> "
             "(1001/1001), delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=121234, relay=mx.example.net. [198.51.100.5], "
             "dsn=5.7.1, stat=554 5.7.1 Service unavailable; Client host [192.0.2.50] blocked using zen.spamhaus.org")
SM_NOISE = ["Nov 26 05:00:00 sm1 sm-mta[3000]: starting daemon (8.18.1): SMTP+queueing@00:10:00",
            "Nov 26 05:01:10 sm1 sm-mta[2000]: 5AQ500Zz000000: from=<newsletter@example.com>, size=18000, class=0, nrcpts=1, "
            "msgid=<20261126.0@example.com>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]",
            "Nov 26 05:01:10 sm1 sm-mta[2000]: STARTTLS=client, relay=mx.example.net., version=TLSv1.3, verify=OK"]
put("sendmail-valid-baseline.log", lines(*SM_NOISE, SM_BOUNCE), "a clean Sendmail log", "events=1;quarantine=0")
put("sendmail-truncated-mid-line.log", lines(*SM_NOISE) + SM_BOUNCE[:SM_BOUNCE.index("stat=") + 9], "cut inside stat=", "")
put("sendmail-impossible-date.log", lines(*SM_NOISE, SM_BOUNCE.replace("Nov 26 05:01:10", "Feb 31 24:60:60")), "Feb 31 24:60:60", "events=0")
put("sendmail-huge-pid.log", lines(*SM_NOISE, SM_BOUNCE.replace("[3101]", "[" + "1" * 30 + "]")), "a 30-digit pid", "")
put("sendmail-nul-bytes.log", lines(*SM_NOISE, SM_BOUNCE.replace("dsn=", "d\0sn=")), "NUL inside a key", "")
put("sendmail-whitespace-only-lines.log", lines(SM_NOISE[0], " ", "\t \t", SM_BOUNCE), "blank-looking lines", "events=1")
put("sendmail-1000-recipients-one-line.log", lines(*SM_NOISE, SM_BOUNCE.replace("to=<alice@example.net>", "to=" + ",".join(
    "<r%d@example.net>" % i for i in range(1000)))), "one stat= line naming 1000 recipients", "events>=1")
put("sendmail-gzip-truncated.log.gz", truncated_gz(lines(*SM_NOISE, SM_BOUNCE) * 100), "truncated gzip", "reason:read_error")

# ---- Exchange tracking ----------------------------------------------------------------------------
XF = ("#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,"
      "internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,"
      "reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
      "original-server-ip,custom-data")
XH = "\ufeff#Software: Microsoft Exchange Server\n#Version: 14.03.0513.000\n#Log-type: Message Tracking Log\n#Date: 2026-11-26T08:00:00.000Z\n"
X_FAIL = ("2026-11-26T10:02:20.000Z,192.0.2.71,EX2010,198.51.100.5,mx.example.net,,Internet,SMTP,FAIL,7001,<fail.1@example.com>,"
          "alice@example.net,\"550 5.7.1 Service unavailable; Client host [192.0.2.71] blocked using zen.spamhaus.org\",5120,1,,,"
          "Weekly report,newsletter@example.com,newsletter@example.com,,Originating,,,,")
X_SEND = ("2026-11-26T10:01:10.000Z,192.0.2.71,EX2010,198.51.100.5,mx.example.net,,Internet,SMTP,SEND,7000,<noise.0@example.com>,"
          "bob0@example.net,\"250 2.0.0 OK, queued\",5120,1,,,Weekly report,newsletter@example.com,newsletter@example.com,,Originating,,,,")
put("exchange-valid-baseline.LOG", XH + lines(XF, X_SEND, X_FAIL), "a clean Exchange 2010 tracking log", "events=1;quarantine=0")
put("exchange-wrong-fields-line.LOG", XH + lines("#Fields: timestamp,who,what", X_SEND, X_FAIL),
    "#Fields names 3 unknown columns, rows have 26", "events=0")
put("exchange-fields-line-missing.LOG", XH + lines(X_SEND, X_FAIL), "no #Fields line at all", "events=0")
put("exchange-fields-line-twice-different.LOG", XH + lines(XF, X_SEND, "#Fields: date-time,event-id,recipient-status", X_FAIL),
    "a second, different #Fields line in the middle", "")
put("exchange-unterminated-quote.LOG", XH + lines(XF, X_SEND, X_FAIL.replace("zen.spamhaus.org\",", "zen.spamhaus.org,"), X_SEND),
    "a quoted field that is never closed", "reason:unterminated_quoted_field")
put("exchange-quoted-field-spanning-lines.LOG", XH + lines(XF, X_FAIL.replace("Service unavailable;", "Service\nunavailable;\n")),
    "a quoted reply containing line breaks", "events=1")
put("exchange-bom-only.LOG", "\ufeff", "only a UTF-8 BOM", "unrecognised")
put("exchange-truncated-mid-row.LOG", XH + lines(XF, X_SEND) + X_FAIL[:120], "last row cut in a quoted field", "")
put("exchange-nul-bytes.LOG", XH + lines(XF, X_SEND.replace("SEND", "SE\0ND"), X_FAIL.replace("550", "5\x0050")), "NUL bytes in rows", "")
put("exchange-row-with-too-many-columns.LOG", XH + lines(XF, X_FAIL + ",extra" * 50), "a row with 50 extra columns", "")
put("exchange-row-with-too-few-columns.LOG", XH + lines(XF, "2026-11-26T10:02:20.000Z,192.0.2.71,EX2010,FAIL"), "a row with 4 columns", "")
put("exchange-cr-only-line-endings.LOG", (XH + lines(XF, X_SEND, X_FAIL)).replace("\n", "\r"), "CR-only line endings", "")
put("exchange-bad-date-time.LOG", XH + lines(XF, X_FAIL.replace("2026-11-26T10:02:20.000Z", "2026-02-30T99:99:99.000Z"),
                                              X_FAIL.replace("2026-11-26T10:02:20.000Z", "yesterday")), "impossible date-time values", "events=0")
put("exchange-gzip-truncated.LOG.gz", truncated_gz(XH + lines(XF, *([X_SEND, X_FAIL] * 200))), "truncated gzip", "reason:read_error")
put("exchange-utf16-encoded.LOG", (XH + lines(XF, X_FAIL)).encode("utf-16"), "the log saved as UTF-16", "unrecognised")

# ---- OpenSMTPD ------------------------------------------------------------------------------------
OS_FAIL = ("Nov 26 07:01:10 osmtpd1 smtpd[5101]: 8c1e0f2a3b4c5d6e mta delivery evpid=a1b2c3d4e5f60718 from=<newsletter@example.com> "
           "to=<alice@example.net> rcpt=<-> source=\"192.0.2.60\" relay=\"198.51.100.5 (mx.example.net)\" delay=2s result=\"PermFail\" "
           "stat=\"554 5.7.1 Service unavailable; Client host [192.0.2.60] blocked using zen.spamhaus.org\"")
OS_NOISE = ["Nov 26 07:01:10 osmtpd1 smtpd[5101]: 000000005e000000 smtp connected address=203.0.113.100 host=<unknown>",
            "Nov 26 07:01:10 osmtpd1 smtpd[5101]: 000000005e000000 smtp disconnected reason=quit",
            "Nov 26 07:01:10 osmtpd1 smtpd[5101]: 000000005e000000 mta connecting address=smtp://198.51.100.5:25 host=mx.example.net"]
put("opensmtpd-valid-baseline.log", lines(*OS_NOISE, OS_FAIL), "a clean OpenSMTPD log", "events=1;quarantine=0")
put("opensmtpd-unbalanced-quotes.log", lines(*OS_NOISE, OS_FAIL.replace("stat=\"554", "stat=\"\"\"554").rstrip("\""),
                                             OS_FAIL.replace("result=\"PermFail\"", "result=\"PermFail")), "quotes never closed", "")
put("opensmtpd-truncated-mid-line.log", lines(*OS_NOISE) + OS_FAIL[:150], "cut before result=", "")
put("opensmtpd-huge-pid.log", lines(*OS_NOISE, OS_FAIL.replace("[5101]", "[" + "7" * 40 + "]")), "a 40-digit pid", "")
put("opensmtpd-impossible-date.log", lines(*OS_NOISE, OS_FAIL.replace("Nov 26 07:01:10", "Nov 31 07:61:10")), "Nov 31 07:61", "events=0")
put("opensmtpd-nul-bytes.log", lines(*OS_NOISE, OS_FAIL.replace("stat=", "st\0at=")), "NUL bytes", "")

# ---- Courier --------------------------------------------------------------------------------------
CO_FAIL = ("Nov 26 11:01:10 courier1 courieresmtp: id=0003D2A1.5F1E2A3B.00001A2B,from=<newsletter@example.com>,addr=<alice@example.net>: "
           "554 5.7.1 Service unavailable; Client host [192.0.2.90] blocked using zen.spamhaus.org")
CO_STATUS = "Nov 26 11:01:10 courier1 courieresmtp: id=0003D2A1.5F1E2A3B.00001A2B,from=<newsletter@example.com>,addr=<alice@example.net>,status: failure"
CO_NOISE = ["Nov 26 11:01:10 courier1 courieresmtpd: started,ip=[::ffff:203.0.113.100]",
            "Nov 26 11:01:10 courier1 courierd: newmsg,id=0003D2B000.5F1E2A3B.00001A2B: dns; localhost (localhost [127.0.0.1])",
            "Nov 26 11:01:10 courier1 courierd: started,id=0003D2B000.5F1E2A3B.00001A2B,from=<newsletter@example.com>,module=esmtp,host=example.net,addr=<bob0@example.net>"]
put("courier-valid-baseline.log", lines(*CO_NOISE, CO_FAIL, CO_STATUS), "a clean Courier log", "quarantine=0")
put("courier-truncated-mid-line.log", lines(*CO_NOISE) + CO_FAIL[:100], "cut inside the id", "")
put("courier-impossible-date.log", lines(*CO_NOISE, CO_FAIL.replace("Nov 26", "Abc 77"), CO_STATUS.replace("11:01:10", "99:99:99")),
    "month Abc, time 99:99:99", "events=0")
put("courier-whitespace-only-lines.log", lines(CO_NOISE[0], "  ", "\t", CO_NOISE[1], CO_FAIL, " "), "blank-looking lines", "")
put("courier-nul-bytes.log", lines(*CO_NOISE, CO_FAIL.replace("addr=", "ad\0dr=")), "NUL bytes", "")

# ---- qmail ----------------------------------------------------------------------------------------
QM_DEFER = ("Nov 26 10:20:01 qmail1 qmail: 1795688401.5 delivery 21: deferral: Connected_to_198.51.100.5_but_greeting_failed./"
            "Remote_host_said:_421_4.7.0_[TSS04]_Messages_from_192.0.2.80_temporarily_deferred/")
QM_FAIL = ("Nov 26 10:20:02 qmail1 qmail: 1795688402.5 delivery 22: failure: 198.51.100.5_does_not_like_recipient./"
           "Remote_host_said:_550_5.7.1_Service_unavailable;_Client_host_[192.0.2.80]_blocked_using_zen.spamhaus.org/Giving_up_on_198.51.100.5./")
QM_NOISE = ["Nov 26 10:20:00 qmail1 qmail: 1795688400.123456 new msg 4021",
            "Nov 26 10:20:00 qmail1 qmail: 1795688400.123456 info msg 4021: bytes 4096 from <billing@example.com> qp 5101 uid 1001",
            "Nov 26 10:20:00 qmail1 qmail: 1795688400.123456 starting delivery 21: msg 4021 to remote alice@example.net"]
put("qmail-valid-baseline.log", lines(*QM_NOISE, QM_DEFER, QM_FAIL), "a clean qmail (splogger) log", "quarantine=0")
put("qmail-huge-unix-time.log", lines(*QM_NOISE, QM_FAIL.replace("1795688402.5", "99999999999.999999999")), "a Unix time in year 5138", "")
put("qmail-multilog-bad-tai64n.log", lines("@4000ffffffffffffffffffff new msg 4021", "@400000006a00000000000000 info msg 4021: bytes 1 from <> qp 1 uid 1",
                                           "@4000zzzzzzzzzzzzzzzzzzzz delivery 22: failure: Sorry./", "@40000000 starting delivery 21: msg 4021 to remote a@example.net"),
    "multilog TAI64N labels that overflow or are not hex", "")
put("qmail-truncated-mid-line.log", lines(*QM_NOISE) + QM_FAIL[:110], "cut inside the reply", "")
put("qmail-nul-bytes.log", lines(*QM_NOISE, QM_FAIL.replace("failure:", "fail\0ure:")), "NUL bytes", "")

# ---- Emails ---------------------------------------------------------------------------------------
DSN_HEAD = ("From: Mail Delivery System <MAILER-DAEMON@out1.example.com>\nTo: newsletter@example.com\n"
            "Subject: Undelivered Mail Returned to Sender\nDate: Thu, 26 Nov 2026 04:01:10 +0000\n"
            "Message-ID: <dsn.1@out1.example.com>\nMIME-Version: 1.0\nAuto-Submitted: auto-replied\n")


def dsn(recipients=("heidi@example.org",), boundary="b1", status="5.7.1",
        diag="smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org"):
    parts = ["Reporting-MTA: dns; out1.example.com\nArrival-Date: Thu, 26 Nov 2026 04:01:09 +0000\n"]
    for recipient in recipients:
        parts.append("\nFinal-Recipient: rfc822; %s\nAction: failed\nStatus: %s\nRemote-MTA: dns; mx1.example.org\n"
                     "Diagnostic-Code: %s\n" % (recipient, status, diag))
    return (DSN_HEAD + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"%s\"\n\n"
            "--%s\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
            "--%s\nContent-Type: message/delivery-status\n\n%s\n"
            "--%s\nContent-Type: text/rfc822-headers\n\nReceived: from out1.example.com (out1.example.com [192.0.2.10])\n"
            "\tby mx1.example.org; Thu, 26 Nov 2026 04:01:09 +0000\nFrom: newsletter@example.com\nTo: heidi@example.org\n\n--%s--\n"
            % (boundary, boundary, boundary, "".join(parts), boundary, boundary))


DSN = dsn()
MBOX_FROM = "From MAILER-DAEMON Thu Nov 26 04:01:10 2026\n"
put("eml-valid-dsn-baseline.eml", DSN, "a clean RFC 3464 DSN", "events=1;quarantine=0")
put("eml-mime-without-boundary.eml", DSN.replace("; boundary=\"b1\"", ""), "multipart/report with no boundary parameter", "")
put("eml-boundary-never-closed.eml", DSN.replace("--b1--\n", ""), "closing boundary missing", "")
put("eml-boundary-appears-in-body.eml", DSN.replace("Your message could not be delivered.", "Text mentioning --b1 and\n--b1\nat a line start"),
    "the boundary string inside a part's text", "")
put("eml-empty-boundary.eml", DSN.replace("boundary=\"b1\"", "boundary=\"\"").replace("--b1", "--"), "boundary=\"\"", "")
nested = DSN
for depth in range(100):
    nested = ("From: relay%d@example.com\nTo: x@example.org\nSubject: fwd %d\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n" % (depth, depth)) + nested
put("eml-nested-message-rfc822-100-deep.eml", nested, "message/rfc822 wrapped 100 times around a DSN", "")
nested_multi = "From: deep@example.com\nTo: x@example.org\nSubject: deep\nMIME-Version: 1.0\n"
body = "innermost text\n"
for depth in range(100, 0, -1):
    body = "Content-Type: multipart/mixed; boundary=\"n%d\"\n\n--n%d\n%s\n--n%d--\n" % (depth, depth, body, depth)
put("eml-nested-multipart-100-deep.eml", nested_multi + body, "multipart/mixed nested 100 deep", "")
loop = ("From: loop@example.com\nTo: x@example.org\nSubject: loop\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"same\"\n\n--same\nContent-Type: multipart/mixed; boundary=\"same\"\n\n"
        "--same\nContent-Type: multipart/mixed; boundary=\"same\"\n\n--same\nContent-Type: message/rfc822\n\n"
        "Content-Type: multipart/mixed; boundary=\"same\"\n\n--same\n--same--\n--same--\n--same--\n")
put("eml-content-type-loop-same-boundary.eml", loop, "nested parts reusing the parent's boundary: a Content-Type loop", "")
put("eml-header-1mb-folded.eml", DSN.replace("Subject: Undelivered", "Subject: " + "\n ".join(["x" * 70] * 15000) + " Undelivered"),
    "a 1 MB Subject header folded over 15,000 lines", "")
put("eml-header-1mb-one-line.eml", DSN.replace("Subject: Undelivered", "Subject: " + "y" * 1_048_576 + " Undelivered"),
    "a 1 MB Subject header on one line", "")
put("eml-base64-not-base64.eml", DSN.replace("Content-Type: message/delivery-status\n", "Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n")
    .replace("Content-Type: text/plain\n", "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n")
    .replace("Your message could not be delivered.", "!!!! this is not base64 @@@ ====== ***"), "parts declared base64 that are not", "")
put("eml-charset-does-not-exist.eml", DSN.replace("Content-Type: text/plain", "Content-Type: text/plain; charset=x-no-such-charset-9")
    .replace("Subject: Undelivered Mail", "Subject: =?x-bogus-charset?Q?Undelivered?= Mail"), "charset names that do not exist", "")
put("eml-charset-illegal-name.eml", DSN.replace("Content-Type: text/plain", "Content-Type: text/plain; charset=\"utf-8\\\"; DROP\""),
    "a charset name with illegal characters", "")
put("eml-rfc2047-broken-words.eml", DSN.replace("Subject: Undelivered Mail Returned to Sender",
                                                 "Subject: =?utf-8?B?####?= =?utf-8?Q?=ZZ=?= =?gbk?B?zsTX1w?= =?=?="), "malformed RFC 2047 words", "")
put("eml-quoted-printable-broken.eml", DSN.replace("Content-Type: text/plain\n", "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n")
    .replace("Your message could not be delivered.", "broken =ZZ =\n=4 =="), "invalid quoted-printable escapes", "")
put("eml-dsn-10000-recipients.eml", dsn(["r%d@example.org" % i for i in range(10_000)]), "one DSN with 10,000 recipient blocks", "events>=1")
put("eml-dsn-no-recipient-fields.eml", dsn([]), "delivery-status part with no per-recipient fields", "")
put("eml-dsn-status-garbage.eml", dsn(status="9.99.999x", diag="smtp; ???"), "Status: 9.99.999x, Diagnostic-Code garbage", "")
put("eml-dsn-truncated-mid-field.eml", DSN[:DSN.index("Diagnostic-Code") + 20], "DSN cut inside Diagnostic-Code", "")
put("eml-binary-body.eml", DSN_HEAD.encode() + b"Content-Type: application/octet-stream\n\n" + bytes(RNG.getrandbits(8) for _ in range(8000)),
    "an email whose body is random bytes", "")
put("eml-nul-in-headers.eml", DSN.replace("Subject: Undelivered", "Subject: Und\0elivered").replace("Action: failed", "Action: fa\0iled"),
    "NUL bytes in headers and DSN fields", "")
put("eml-cr-only-line-endings.eml", DSN.replace("\n", "\r"), "CR-only line endings", "events=1")
put("eml-crlf-line-endings.eml", DSN.replace("\n", "\r\n"), "CRLF line endings", "events=1")
put("eml-starts-with-blank-line.eml", "\n" + DSN, "a blank line before the headers: no header at all", "unrecognised")
put("eml-headers-only-no-body.eml", DSN_HEAD, "headers and nothing else", "events=0")
put("eml-invalid-utf8-headers.eml", DSN.encode().replace(b"Undelivered", b"Un\xff\xfedelivered\xc0\xaf"), "raw invalid UTF-8 in headers", "")
put("eml-gbk-without-charset.eml", DSN.encode().replace(b"Your message could not be delivered.", "邮件无法投递 拒绝".encode("gbk")),
    "GBK bytes with no charset declared", "")
put("eml-iso-2022-jp-broken-escape.eml", DSN.replace("Content-Type: text/plain", "Content-Type: text/plain; charset=iso-2022-jp").encode()
    .replace(b"Your message could not be delivered.", b"\x1b$B$3$l\x1b(J broken \x1b$B$"), "ISO-2022-JP with an unfinished escape", "")
put("eml-utf16-encoded.eml", DSN.encode("utf-16"), "the email saved as UTF-16", "unrecognised")
put("eml-valid-dsn.eml.gz", gz(DSN), "gzip of a clean DSN", "events=1")
put("eml-gzip-truncated.eml.gz", truncated_gz(DSN * 3), "truncated gzip of a DSN", "")

# ---- mbox -----------------------------------------------------------------------------------------
put("mbox-valid-baseline.mbox", MBOX_FROM + DSN + "\n" + MBOX_FROM + DSN.replace("heidi@", "ivan@") + "\n", "two clean DSNs", "events=2;quarantine=0")
put("mbox-truncated-mid-header.mbox", MBOX_FROM + DSN + "\n" + MBOX_FROM + DSN[:60], "second email cut in its headers", "events>=1")
put("mbox-truncated-mid-body.mbox", MBOX_FROM + DSN + "\n" + MBOX_FROM + DSN[:DSN.index("Status:")], "second email cut in its DSN part", "events>=1")
put("mbox-junk-before-first-from.mbox", "junk line one\njunk two\n" + MBOX_FROM + DSN,
    "text before the first From line", "events=1;reason:mbox_text_before_first_from_line")
put("mbox-separators-only.mbox", MBOX_FROM * 500, "500 From lines and no content: 500 empty emails", "events=0;quarantine=500")
put("mbox-cr-only-line-endings.mbox", (MBOX_FROM + DSN + "\n" + MBOX_FROM + DSN).replace("\n", "\r"), "CR-only line endings", "")
put("mbox-crlf-line-endings.mbox", (MBOX_FROM + DSN + "\n" + MBOX_FROM + DSN).replace("\n", "\r\n"), "CRLF line endings", "events=2")
put("mbox-nul-bytes.mbox", MBOX_FROM + DSN.replace("Status:", "Sta\0tus:") + "\n" + MBOX_FROM + "\0" * 2000 + "\n", "NUL bytes", "")
put("mbox-unescaped-from-in-body.mbox", MBOX_FROM + DSN.replace("Your message", "From here on\nFrom me to you 10:10 words\nYour message"),
    "mboxo body lines starting with From (unquoted)", "")
put("mbox-dsn-10000-recipients.mbox", MBOX_FROM + dsn(["r%d@example.org" % i for i in range(10_000)]), "an mbox of one DSN with 10,000 recipients", "events>=1")
put("mbox-gzip-truncated.mbox.gz", truncated_gz((MBOX_FROM + DSN + "\n") * 30), "truncated gzip of an mbox", "")
put("mbox-valid.mbox.gz", gz(MBOX_FROM + DSN + "\n"), "gzip of a clean mbox", "events=1")

# ---- Maildir --------------------------------------------------------------------------------------
put("maildir-hostile/cur/1795640000.M1P1.host:2,S", DSN, "a clean DSN in cur/", "events=1")
put("maildir-hostile/cur/1795640001.M2P2.host:2,", b"", "an empty message file", "reason:empty_email")
put("maildir-hostile/cur/1795640002.M3P3.host:2,S", bytes(RNG.getrandbits(8) for _ in range(2048)), "random bytes as a message", "reason:no_header_fields")
put("maildir-hostile/new/1795640003.M4P4.host name with spaces", DSN.replace("\n", "\r\n"), "spaces in the file name, CRLF", "events=1")
put("maildir-hostile/new/1795640004.M5P5.h\u00f6st-\u00fcnicode", DSN[:200], "non-ASCII file name, truncated message", "")
put("maildir-hostile/tmp/1795640005.M6P6.host", DSN, "still being delivered: never read", "not_read")


# Outcomes of the files whose row above leaves them open (judged file by file; "" would only ask for no crash).
OUTCOMES = {
    "postfix-huge-pid.log": "events=1;quarantine=1;reason:no_syslog_header",
    "postfix-nul-bytes.log": "events=1;quarantine=1",
    "postfix-cr-only-line-endings.log": "events=0;quarantine=0",
    "postfix-empty-reply.log": "events=2;quarantine=1;reason:unrecognised_delivery_status",
    "postfix-unbalanced-parentheses.log": "events=0;quarantine=2;reason:unrecognised_delivery_status",
    "postfix-rfc5424-garbage.log": "events=0;quarantine=2",
    "postfix-bad-ip-addresses.log": "events=3;quarantine=0",
    "postfix-huge-queue-id.log": "events=1;quarantine=0",
    "postfix-noqueue-reject-missing-fields.log": "events=1;quarantine=1;reason:unrecognised_reject_line",
    "postfix-many-recipients-one-line.log": "events=1;quarantine=0",
    # Damage inside the first block: not one byte decompresses, so the file cannot be sniffed.
    "postfix-gzip-corrupt-deflate.log.gz": "unrecognised",
    "postfix-gzip-trailing-garbage.log.gz": "events=3;quarantine=1;reason:read_error",
    # The CRC fails at the end of the only block, before the first read returns: nothing to sniff.
    "postfix-gzip-crc-wrong.log.gz": "unrecognised",
    "postfix-truncated-mid-multiline-reply.log": "events=0;quarantine=1;reason:unrecognised_delivery_status",
    "exim-truncated-mid-multiline-reply.log": "events=1;quarantine=0",
    "exim-huge-pid.log": "events=1;quarantine=0",
    "exim-nul-bytes.log": "events=1;quarantine=0",
    "exim-cr-only-line-endings.log": "events=0;quarantine=0",
    "exim-impossible-date.log": "events=0;quarantine=2;reason:bad_timestamp",
    "sendmail-truncated-mid-line.log": "events=1;quarantine=0",
    "sendmail-huge-pid.log": "events=1;quarantine=0",
    "sendmail-nul-bytes.log": "events=0;quarantine=0",
    "sendmail-impossible-date.log": "events=0;quarantine=1;reason:no_syslog_header",
    "sendmail-1000-recipients-one-line.log": "events=1000;quarantine=0",
    "exchange-fields-line-missing.LOG": "events=0;reason:record_before_fields_header",
    "exchange-fields-line-twice-different.LOG": "events=0;quarantine=1;reason:field_count",
    "exchange-wrong-fields-line.LOG": "events=0;quarantine=1;reason:field_count",
    "exchange-truncated-mid-row.LOG": "events=0;quarantine=1;reason:field_count",
    "exchange-nul-bytes.LOG": "events=1;quarantine=0",
    "exchange-row-with-too-many-columns.LOG": "events=0;quarantine=1;reason:field_count",
    "exchange-row-with-too-few-columns.LOG": "events=0;quarantine=0",
    "exchange-cr-only-line-endings.LOG": "events=0;quarantine=0",
    "exchange-bad-date-time.LOG": "events=0;quarantine=2;reason:bad_date_time",
    "opensmtpd-unbalanced-quotes.log": "events=1;quarantine=0",
    "opensmtpd-truncated-mid-line.log": "events=0;quarantine=0",
    "opensmtpd-huge-pid.log": "events=1;quarantine=0",
    "opensmtpd-impossible-date.log": "events=0;quarantine=1;reason:no_syslog_header",
    "opensmtpd-nul-bytes.log": "events=1;quarantine=0",
    "courier-valid-baseline.log": "events=1;quarantine=0",
    "courier-truncated-mid-line.log": "events=0;quarantine=0",
    "courier-impossible-date.log": "events=0;quarantine=2;reason:no_syslog_header",
    "courier-whitespace-only-lines.log": "events=0;quarantine=0",
    "courier-nul-bytes.log": "events=0;quarantine=0",
    "qmail-valid-baseline.log": "events=2;quarantine=0",
    "qmail-huge-unix-time.log": "events=0;quarantine=1;reason:bad_timestamp",
    "qmail-multilog-bad-tai64n.log": "quarantine=2;reason:no_timestamp",
    "qmail-truncated-mid-line.log": "events=1;quarantine=0",
    "qmail-nul-bytes.log": "events=0;quarantine=0",
    "eml-mime-without-boundary.eml": "events=1;quarantine=0",
    "eml-boundary-never-closed.eml": "events=1;quarantine=0",
    "eml-boundary-appears-in-body.eml": "events=1;quarantine=0",
    "eml-empty-boundary.eml": "events=1;quarantine=0",
    "eml-nested-message-rfc822-100-deep.eml": "events=1;quarantine=0",
    "eml-nested-multipart-100-deep.eml": "events=0;quarantine=0",
    "eml-content-type-loop-same-boundary.eml": "events=0;quarantine=0",
    "eml-header-1mb-folded.eml": "events=1;quarantine=0",
    "eml-header-1mb-one-line.eml": "events=1;quarantine=0",
    "eml-base64-not-base64.eml": "events=1;quarantine=0",
    "eml-charset-does-not-exist.eml": "events=1;quarantine=0",
    "eml-charset-illegal-name.eml": "events=1;quarantine=0",
    "eml-rfc2047-broken-words.eml": "events=1;quarantine=0",
    "eml-quoted-printable-broken.eml": "events=1;quarantine=0",
    "eml-dsn-10000-recipients.eml": "events=10000;quarantine=0",
    "eml-dsn-no-recipient-fields.eml": "quarantine=0",
    "eml-dsn-status-garbage.eml": "events=1;quarantine=0",
    "eml-dsn-truncated-mid-field.eml": "events=1;quarantine=0",
    "eml-binary-body.eml": "quarantine=0",
    "eml-nul-in-headers.eml": "events=1;quarantine=0",
    "eml-headers-only-no-body.eml": "events=0;quarantine=0",
    "eml-invalid-utf8-headers.eml": "events=1;quarantine=0",
    "eml-gbk-without-charset.eml": "events=1;quarantine=0",
    "eml-iso-2022-jp-broken-escape.eml": "events=1;quarantine=0",
    "eml-gzip-truncated.eml.gz": "events=0;quarantine=1;reason:read_error",
    # Finding, not fixed: the emails decompressed before the damage are lost too (0 events from ~20 whole DSNs).
    "mbox-gzip-truncated.mbox.gz": "events=0;quarantine=1;reason:read_error",
    "mbox-junk-before-first-from.mbox": "unrecognised",
    "mbox-separators-only.mbox": "unrecognised",
    "mbox-cr-only-line-endings.mbox": "events=0;quarantine=1;reason:empty_email",
    "mbox-nul-bytes.mbox": "events=1;quarantine=1;reason:no_header_fields",
    "mbox-unescaped-from-in-body.mbox": "events=0;quarantine=2",
    "mbox-dsn-10000-recipients.mbox": "events=10000;quarantine=0",
    "maildir-hostile/new/1795640004.M5P5.h\u00f6st-\u00fcnicode": "events=0;quarantine=0",
    "postfix-gzip-truncated.log.gz": "events>=1;quarantine=1;reason:read_error",
    "exim-gzip-truncated.log.gz": "events>=1;quarantine=1;reason:read_error",
    "sendmail-gzip-truncated.log.gz": "events>=1;quarantine=1;reason:read_error",
    "exchange-gzip-truncated.LOG.gz": "events>=1;quarantine=1;reason:read_error",
}
for name, outcome in OUTCOMES.items():
    data, tests, _expected = FILES[name]
    FILES[name] = (data, tests, outcome)

# ---- made by HostileCorpusTest in its temporary directory (too big to commit, or not committable) ----
GENERATED = [
    ("postfix-10mb-line.log", "the clean log, one 10 MB failure line, the clean log again", "events=6;quarantine=1;reason:line_too_long"),
    ("mbox-one-huge-message.mbox", "an mbox of one 20 MB message: a DSN then 20 MB of body (past the 16 MB kept per email)", "events=1;quarantine=0"),
    ("postfix-gzip-bomb-1000x.log.gz", "a clean log then 64 MiB of newlines, gzipped about 1000x: reading stops at the limit",
     "events=3;quarantine=1;reason:gzip_expansion_limit"),
    ("postfix-gzip-200x-legit.log.gz", "a real-looking 10 MB log compressing about 200x: must read whole", "events=2000;quarantine=0"),
    ("fifo-named-like-a-log.log", "a FIFO (named pipe): must not block", "reason:unreadable"),
    ("directory-named-like-a.log", "a directory whose name looks like a log file (holds one clean log)", ""),
    ("directory-named-like-a.log/postfix-inside-directory.log", "the clean log inside that directory", "events=3"),
    ("symlink-loop-a.log", "a symlink to symlink-loop-b.log, which points back", "reason:unreadable"),
    ("symlink-loop-b.log", "a symlink to symlink-loop-a.log, which points back", "reason:unreadable"),
    ("symlink-dangling.log", "a symlink to a file that does not exist", "reason:unreadable"),
    ("symlink-dir-loop", "a directory symlink pointing at the corpus root (a directory cycle)", "not_read"),
    ("unreadable-permissions.log", "a Postfix log with mode 000 (root reads it anyway)", "events=3"),
]


def main():
    for root in (ROOT, COMPRESSED):
        if os.path.isdir(root):
            shutil.rmtree(root)
    rows = []
    for name, (data, tests, expected) in FILES.items():
        # Big files are committed gzipped next to the corpus; the test unpacks them.
        big = len(data) > 32 * 1024
        path = os.path.join(COMPRESSED, name + ".gz") if big else os.path.join(ROOT, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(gz(data) if big else data)
        rows.append([name, "compressed" if big else "committed", tests, expected])
    rows += [[name, "generated", tests, expected] for name, tests, expected in GENERATED]
    with open(os.path.join(ROOT, "_manifest.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "origin", "tests", "expected"])
        writer.writerows(sorted(rows))
    print(len(rows), "files")


main()
