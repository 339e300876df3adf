package org.mailtriage.model;

import java.util.Locale;

/**
 * Whose server was refused. OUTBOUND: a remote receiver refused our server (the guide's opening
 * bounce). INBOUND: our server refused a remote client (the guide's §5.1–5.5, seen from our side).
 */
public enum Direction {
    OUTBOUND, INBOUND;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
