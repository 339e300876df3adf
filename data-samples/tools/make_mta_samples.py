#!/usr/bin/env python3
"""Writes the non-Postfix MTA samples in data-samples/logs/: Exim (mainlog and syslog), Sendmail, OpenSMTPD,
Exchange message tracking (2013+ and 2010 column sets), Courier, qmail (multilog and splogger).

The failure lines come from the parser case files (jobs/src/test/resources/org/mailtriage/ingest/cases/*.cases),
where each sample line has its expected fields beside it; lines marked "in-sample: no" (bad input) stay out.
This script only adds the surrounding traffic a real log has (accepted, delivered, connections), which must
yield no event. Deterministic; rerun after editing a case file; the output is committed.
Documentation IP ranges and example domains only.
"""
import csv
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(ROOT, "jobs", "src", "test", "resources", "org", "mailtriage", "ingest", "cases")
LOGS = os.path.join(ROOT, "data-samples", "logs")


def sample_lines(case_file):
    """The in-sample 'line:' entries of a case file, in order."""
    lines, current, keep = [], None, True
    with open(os.path.join(CASES, case_file), encoding="utf-8") as f:
        for row in f.read().split("\n"):
            if row.startswith("line: "):
                if current is not None and keep:
                    lines.append(current)
                current, keep = row[len("line: "):], True
            elif row.strip() == "in-sample: no":
                keep = False
    if current is not None and keep:
        lines.append(current)
    return lines


def write(path, lines, newline="\n", bom=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        if bom:
            f.write("\ufeff")
        for line in lines:
            f.write(line + newline)


def exim_noise(timestamp, n):
    mid = f"1Rn{n:03d}-000Qa{n % 10}-X{n % 10}"
    return [
        f"{timestamp} {mid} <= newsletter@example.com U=mailman P=local S={18000 + n} id=20261126.{n}@example.com",
        f"{timestamp} {mid} => bob{n}@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.5] "
        f"X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok: queued as 4A1B2C{n:04d}\"",
        f"{timestamp} {mid} Completed",
        f"{timestamp} SMTP connection from (mail{n}.example.org) [203.0.113.{100 + n}]:4{n:04d} (TCP/IP connection count = 1)",
    ]


def exim():
    native, syslog = [], []
    for n, line in enumerate(sample_lines("exim.cases")):
        if line[:1].isdigit():
            timestamp = re.match(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})", line).group(1)
            native.extend(exim_noise(timestamp, n))
            native.append(line)
        else:
            head = re.match(r"^(\w{3} +\d+ \d{2}:\d{2}:\d{2} \S+ \S+?\[\d+\]:) ", line).group(1)
            syslog.append(f"{head} 1Rs{n:03d}-000Qb{n % 10}-Y{n % 10} <= alerts@example.com U=root P=local S=900")
            syslog.append(f"{head} 1Rs{n:03d}-000Qb{n % 10}-Y{n % 10} => root <root@exim1.example.com> R=local_user T=mail_spool")
            syslog.append(line)
    native.insert(0, "2026-11-26 03:00:00 Start queue run: pid=24400")
    native.append("2026-11-26 04:30:00 End queue run: pid=24400")
    write(os.path.join(LOGS, "exim-mainlog-20261126"), native)
    write(os.path.join(LOGS, "exim-syslog-20261126"), syslog)


def sendmail():
    out = ["Nov 26 05:00:00 sm1 sm-mta[3000]: starting daemon (8.18.1): SMTP+queueing@00:10:00"]
    for n, line in enumerate(sample_lines("sendmail.cases")):
        head = re.match(r"^(\w{3} +\d+ \d{2}:\d{2}:\d{2}) (?:<[a-z.]+> )?(\S+) ", line)
        stamp, host = head.group(1), head.group(2)
        qid = f"5AQ5{n:02d}Zz00{n:04d}"
        out.append(f"{stamp} {host} sm-mta[{2000 + n}]: {qid}: from=<newsletter@example.com>, size={18000 + n}, class=0, "
                   f"nrcpts=1, msgid=<20261126.{n}@example.com>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]")
        out.append(f"{stamp} {host} sm-mta[{2000 + n}]: STARTTLS=client, relay=mx.example.net., version=TLSv1.3, verify=OK, "
                   f"cipher=TLS_AES_256_GCM_SHA384, bits=256/256")
        out.append(f"{stamp} {host} sm-mta[{2000 + n}]: {qid}: to=<bob{n}@example.net>, delay=00:00:01, xdelay=00:00:01, "
                   f"mailer=esmtp, pri=120000, relay=mx.example.net. [198.51.100.5], dsn=2.0.0, stat=Sent (Ok: queued as 4A1B{n:04d})")
        out.append(line)
    write(os.path.join(LOGS, "sendmail-maillog-20261126"), out)


def opensmtpd():
    out = []
    for n, line in enumerate(sample_lines("opensmtpd.cases")):
        stamp = line[:15]
        session = f"{0x5e000000 + n:016x}"
        out.append(f"{stamp} osmtpd1 smtpd[5101]: {session} smtp connected address=203.0.113.{100 + n} host=<unknown>")
        out.append(f"{stamp} osmtpd1 smtpd[5101]: {session} smtp disconnected reason=quit")
        out.append(f"{stamp} osmtpd1 smtpd[5101]: {session} mta connecting address=smtp://198.51.100.5:25 host=mx.example.net")
        out.append(f"{stamp} osmtpd1 smtpd[5101]: {session} mta delivery evpid={0xb0000000 + n:016x} from=<newsletter@example.com> "
                   f"to=<bob{n}@example.net> rcpt=<-> source=\"192.0.2.60\" relay=\"198.51.100.5 (mx.example.net)\" delay=1s "
                   f"result=\"Ok\" stat=\"250 2.0.0 Ok: queued as 4A1B{n:04d}\"")
        out.append(line)
    write(os.path.join(LOGS, "opensmtpd-20261126.log"), out)


def exchange(case_file, out_name, version, server, ip):
    lines = sample_lines(case_file)
    fields = lines[0][len("#Fields: "):].split(",")
    header = ["#Software: Microsoft Exchange Server", f"#Version: {version}", "#Log-type: Message Tracking Log",
              "#Date: 2026-11-26T08:00:00.000Z", lines[0]]
    out = list(header)

    def record(**values):
        row = io.StringIO()
        csv.writer(row, lineterminator="").writerow([values.get(name.replace("-", "_"), "") for name in fields])
        return row.getvalue()

    for n, line in enumerate(lines[1:]):
        stamp = line.split(",", 1)[0]
        common = dict(date_time=stamp, internal_message_id=str(7000 + n), message_id=f"<noise.{n}@example.com>",
                      sender_address="newsletter@example.com", return_path="newsletter@example.com", total_bytes="5120",
                      recipient_count="1", directionality="Originating", schema_version=version, transport_traffic_type="Email")
        out.append(record(event_id="RECEIVE", source="SMTP", client_ip=ip, client_hostname=server, server_ip=ip,
                          server_hostname=server, recipient_address=f"bob{n}@example.net", message_subject="Weekly report",
                          source_context="08DB0001;2026-11-26T08:00:00.000Z;ClientSubmitTime:", connector_id=f"{server}\\Client Proxy",
                          **common))
        out.append(record(event_id="SEND", source="SMTP", client_ip=ip, client_hostname=server, server_ip="198.51.100.5",
                          server_hostname="mx.example.net", recipient_address=f"bob{n}@example.net",
                          recipient_status="250 2.0.0 OK, queued", message_subject="Weekly report", connector_id="Internet", **common))
        if n == 2:
            # A quoted field with a comma and a line break: one record over two lines.
            out.append(record(event_id="DELIVER", source="STOREDRIVER", server_hostname=server,
                              recipient_address="carol@example.com", message_subject="Minutes, part 1\nand part 2",
                              **dict(common, directionality="Incoming")))
        out.append(line)
    write(os.path.join(LOGS, "exchange", out_name), out, newline="\r\n", bom=True)


def courier():
    out = []
    for n, line in enumerate(sample_lines("courier.cases")):
        stamp = line[:15]
        out.append(f"{stamp} courier1 courieresmtpd: started,ip=[::ffff:203.0.113.{100 + n}]")
        out.append(f"{stamp} courier1 courierd: newmsg,id=0003D2B{n:03d}.5F1E2A3B.00001A2B: dns; localhost (localhost [127.0.0.1])")
        out.append(f"{stamp} courier1 courierd: started,id=0003D2B{n:03d}.5F1E2A3B.00001A2B,from=<newsletter@example.com>,"
                   f"module=esmtp,host=example.net,addr=<bob{n}@example.net>")
        out.append(f"{stamp} courier1 courieresmtp: id=0003D2B{n:03d}.5F1E2A3B.00001A2B,from=<newsletter@example.com>,"
                   f"addr=<bob{n}@example.net>,status: success")
        out.append(line)
    write(os.path.join(LOGS, "courier-maillog-20261126"), out)


def qmail():
    multilog, splogger = [], []
    for n, line in enumerate(sample_lines("qmail.cases")):
        if line.startswith("@"):
            label = line.split(" ", 1)[0]
            multilog.append(f"{label} new msg {3000 + n}")
            multilog.append(f"{label} info msg {3000 + n}: bytes 2048 from <reports@example.com> qp {6000 + n} uid 1001")
            multilog.append(f"{label} starting delivery {500 + n}: msg {3000 + n} to remote bob{n}@example.net")
            multilog.append(f"{label} status: local 0/10 remote 1/20")
            multilog.append(f"{label} delivery {500 + n}: success: 198.51.100.5_accepted_message./Remote_host_said:_250_2.0.0_Ok/")
            multilog.append(f"{label} end msg {3000 + n}")
            multilog.append(line)
        else:
            head = line.split(" qmail: ", 1)[0]
            stamp = line.split(" qmail: ", 1)[1].split(" ", 1)[0]
            splogger.append(f"{head} qmail: {stamp} new msg {4000 + n}")
            splogger.append(f"{head} qmail: {stamp} end msg {4000 + n}")
            splogger.append(line)
    write(os.path.join(LOGS, "qmail", "current"), multilog)
    write(os.path.join(LOGS, "qmail-maillog-20261126"), splogger)


if __name__ == "__main__":
    exim()
    sendmail()
    opensmtpd()
    exchange("exchange-2013.cases", "MSGTRK2026112601-1.LOG", "15.02.1544.004", "EX01", "192.0.2.70")
    exchange("exchange-2010.cases", "MSGTRK20261126-1.LOG", "14.03.0513.000", "EX2010", "192.0.2.71")
    courier()
    qmail()
