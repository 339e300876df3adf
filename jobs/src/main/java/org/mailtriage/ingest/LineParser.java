package org.mailtriage.ingest;

/** A parser for one log format: a cheap byte pre-filter, then the full parse of the lines it lets through. */
public interface LineParser {
    TokenFilter prefilter();

    ParseOutcome parse(SourceLine line);
}
