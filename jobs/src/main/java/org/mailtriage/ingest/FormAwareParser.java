package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A line parser that also says which of its line forms it recognised. The table-driven tests use the
 * form to prove that every form has a sample (as fail2ban does for its patterns); the pipeline only
 * needs {@link #parse}.
 */
public interface FormAwareParser extends LineParser {
    /** The form name used for lines the parser let through its pre-filter but did not recognise. */
    String NO_FORM = "none";

    /** Every form this parser can report, except {@link #NO_FORM}. */
    List<String> forms();

    Parsed parseWithForm(SourceLine line);

    @Override
    default ParseOutcome parse(SourceLine line) {
        return parseWithForm(line).outcome();
    }

    /** What the parser made of a line, and which of its forms the line had. */
    record Parsed(String form, ParseOutcome outcome) {
        public Parsed {
            requireNonNull(form, "form is null");
            requireNonNull(outcome, "outcome is null");
        }

        public static Parsed of(String form, ParseOutcome outcome) {
            return new Parsed(form, outcome);
        }

        public static Parsed ignored() {
            return new Parsed(NO_FORM, ParseOutcome.IGNORED);
        }

        public static Parsed quarantined(String form, String reason) {
            return new Parsed(form, ParseOutcome.quarantine(reason));
        }
    }
}
