package org.mailtriage.ingest;

import java.util.List;
import java.util.function.Predicate;

/**
 * A parser for an MTA that logs only through syslog (Courier, OpenSMTPD, Sendmail): a line without a syslog header
 * is bad input, a line another program wrote is not ours, and the message of the rest is the parser's to read.
 */
public abstract class SyslogLineParser extends MtaLineParser implements FormAwareParser {
    /** The form of a line that passed the pre-filter but has no syslog header. */
    public static final String FORM_BAD_LINE = "bad_line";

    /** Whether lines of a syslog program (e.g. "sm-mta") are the parser's; the others are ignored. */
    private final Predicate<String> ownProgram;

    protected SyslogLineParser(ServerDirectory servers, List<String> forms, Predicate<String> ownProgram) {
        super(servers, forms);
        this.ownProgram = ownProgram;
    }

    /** Reads the message of a line one of the parser's programs wrote. */
    protected abstract Parsed parseMessage(SourceLine line, SyslogHeader header);

    @Override
    public final Parsed parseWithForm(SourceLine line) {
        SyslogHeader header = syslogHeader(line);
        if (header == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "no_syslog_header");
        }
        return ownProgram.test(header.component()) ? parseMessage(line, header) : Parsed.ignored();
    }
}
