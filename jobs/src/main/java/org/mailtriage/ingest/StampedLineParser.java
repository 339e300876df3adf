package org.mailtriage.ingest;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A parser for an MTA that writes its own time stamp in front of each line (Exim's mainlog, qmail's multilog) or,
 * configured so, logs through syslog: a line with neither is bad input, a syslog line another program wrote is not
 * ours, a stamp that does not read as a time is bad input; the message of the rest is the parser's to read.
 */
public abstract class StampedLineParser extends MtaLineParser implements FormAwareParser {
    /** The form of a line that passed the pre-filter but has no time it can be placed at. */
    public static final String FORM_BAD_LINE = "bad_line";

    /** A line's time (null when its stamp is not a valid time) and the message after the stamp. */
    protected record Stamped(Instant time, String message) {
    }

    /** Whether lines of a syslog program (e.g. "sm-mta") are the parser's; the others are ignored. */
    private final Predicate<String> ownProgram;

    protected StampedLineParser(ServerDirectory servers, List<String> forms, Predicate<String> ownProgram) {
        super(servers, forms);
        this.ownProgram = ownProgram;
    }

    /** The MTA's own stamp at the start of the line, or null when the line does not start with one. */
    protected abstract Stamped ownStamp(SourceLine line);

    /** The time and message of a syslog line of the parser's programs: the MTA may still stamp the message itself. */
    protected abstract Stamped syslogStamp(SyslogHeader header);

    /** Reads the message of one of the parser's lines; {@code host} is null when the line names none. */
    protected abstract Parsed parseMessage(SourceLine line, Instant time, String host, String message);

    @Override
    public final Parsed parseWithForm(SourceLine line) {
        Stamped stamped = ownStamp(line);
        String host = null;
        if (stamped == null) {
            SyslogHeader header = syslogHeader(line);
            if (header == null) {
                return Parsed.quarantined(FORM_BAD_LINE, "no_timestamp");
            }
            if (!ownProgram.test(header.component())) {
                return Parsed.ignored();
            }
            stamped = syslogStamp(header);
            host = header.host();
        }
        if (stamped.time() == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "bad_timestamp");
        }
        return parseMessage(line, stamped.time(), host, stamped.message());
    }
}
