package org.mailtriage.cli;

/** Exit codes a scheduler can act on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The job ran but something it reports on needs attention (used by alerting options). */
    public static final int ALERT = 1;
    /** Bad input or configuration: missing input, unwritable warehouse, unknown option, bad rule file. */
    public static final int BAD_INPUT = 2;
    /** The job failed while running. */
    public static final int FAILURE = 3;

    private ExitCodes() {
    }
}
