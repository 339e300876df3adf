package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The opening every MTA log parser shares: the server directory that tells our IPs from others, and the syslog header.
 *
 * <p>The pre-filter is not here on purpose: each parser returns its own {@code static final} {@link TokenFilter} from
 * {@link #prefilter()}. Held in a field of this class instead, the filter is no longer a constant to the JIT, and the
 * pre-filter alone ran at 0.5-0.6x ({@code SideBySide LinePathBenchmark#prefilterOnly}, issue 16).
 */
public abstract class MtaLineParser implements LineParser {
    protected final ServerDirectory servers;
    private final List<String> forms;

    protected MtaLineParser(ServerDirectory servers) {
        this(servers, List.of());
    }

    /** @param forms the line forms the parser reports ({@link FormAwareParser#forms()}) */
    protected MtaLineParser(ServerDirectory servers, List<String> forms) {
        this.servers = requireNonNull(servers, "servers is null");
        this.forms = List.copyOf(forms);
    }

    /** Every line form this parser can report, except {@link FormAwareParser#NO_FORM} (none for a parser without forms). */
    public List<String> forms() {
        return forms;
    }

    /** The line's syslog header, or null when it has none (the parser decides whether that is bad input). */
    protected static SyslogHeader syslogHeader(SourceLine line) {
        return SyslogHeader.parse(line.text(), line.referenceDate(), line.zone());
    }
}
