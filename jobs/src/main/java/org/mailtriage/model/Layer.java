package org.mailtriage.model;

import java.util.Locale;

/**
 * Where a classification came from, in the order the classifier asks: what the provider's or the
 * MTA's own code says, the reason phrases, the SMTP stage the reply answered, the enhanced status,
 * and last the basic reply code, DSN action or diagnostic type. KIND: the email is no failure report
 * (delivered, auto-reply, feedback) and its kind is the reason. NONE: no layer knew anything.
 */
public enum Layer {
    PROVIDER, PHRASE, STAGE, STATUS, FALLBACK, KIND, NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
