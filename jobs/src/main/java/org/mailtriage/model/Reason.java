package org.mailtriage.model;

import java.util.Locale;

/** Sisimai's reason vocabulary: the names mail tools already use for why a delivery failed. */
public enum Reason {
    AUTHFAILURE, BADREPUTATION, BLOCKED, CONTENTERROR, DELIVERED, EXCEEDLIMIT, EXPIRED,
    FAILEDSTARTTLS, FEEDBACK, FILTERED, HASMOVED, HOSTUNKNOWN, MAILBOXFULL, MAILERERROR,
    MESGTOOBIG, NETWORKERROR, NORELAYING, NOTACCEPT, NOTCOMPLIANTRFC, ONHOLD, POLICYVIOLATION,
    REJECTED, REQUIREPTR, SECURITYERROR, SPAMDETECTED, SPEEDING, SUPPRESSED, SUSPEND,
    SYNTAXERROR, SYSTEMERROR, SYSTEMFULL, TOOMANYCONN, UNDEFINED, USERUNKNOWN, VACATION,
    VIRUSDETECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reason fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
