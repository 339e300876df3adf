package org.mailtriage.ingest.bounce;

import java.util.Locale;

/**
 * What an email in a bounce archive turned out to be. Only FAILURE recipients become failure
 * events; the others are counted as "not bounces" (delivered reports, auto-replies, abuse feedback,
 * ordinary mail that strayed into the bounce folder).
 */
public enum BounceKind {
    FAILURE, DELIVERED, VACATION, FEEDBACK, NOT_A_BOUNCE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
