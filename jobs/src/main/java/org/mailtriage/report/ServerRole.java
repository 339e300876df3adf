package org.mailtriage.report;

import java.util.Locale;

/**
 * Whose server a report row is about. OUR_SERVER: ours, refused by a receiver (outbound events) or
 * listed in servers.csv. REMOTE_CLIENT: a remote server our servers refused (inbound events): the
 * fix is theirs, the row tells our admin why their mail is refused.
 */
public enum ServerRole {
    OUR_SERVER, REMOTE_CLIENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServerRole fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
