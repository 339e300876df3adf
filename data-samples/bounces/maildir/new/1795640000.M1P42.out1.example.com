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

