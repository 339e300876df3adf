package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import org.mailtriage.classify.Classification;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.Reason;
import org.mailtriage.classify.Reply;

/**
 * Labels the recipients of a bounce with the same rule table the log parsers use. Recipients that
 * are not failures keep their kind as the reason (delivered, vacation, feedback).
 */
public final class BounceClassifier {
    public static final String KIND_RULE = "bounce-kind";
    /** A temporary failure (4xx, or a "delayed" report) that a bounce reports means the retries ran out. */
    public static final String TEMPORARY_RULE = "bounce-temporary-failure";
    /** A failure whose words no rule knows: Sisimai calls it "onhold", the reason is yet to be decided. */
    public static final String UNDECIDED_RULE = "bounce-undecided";
    private final Classifier classifier;

    public BounceClassifier(Classifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    public Classification classify(BounceRecipient recipient) {
        switch (recipient.kind()) {
            case DELIVERED -> {
                return new Classification(Reason.DELIVERED, null, KIND_RULE, null);
            }
            case VACATION -> {
                return new Classification(Reason.VACATION, null, KIND_RULE, null);
            }
            case FEEDBACK -> {
                return new Classification(Reason.FEEDBACK, null, KIND_RULE, null);
            }
            case NOT_A_BOUNCE -> {
                return new Classification(Reason.UNDEFINED, null, KIND_RULE, null);
            }
            case FAILURE -> {
                return classifyFailure(recipient);
            }
        }
        throw new IllegalStateException("unreachable: " + recipient.kind());
    }

    private Classification classifyFailure(BounceRecipient recipient) {
        String text = recipient.diagnostic() == null ? "" : recipient.diagnostic();
        if (recipient.recipient() != null && recipient.recipient().length() > 3) {
            // The address's own words ("policy@…", "spam@…") are not the receiver's words.
            text = BounceText.replaceIgnoringAsciiCase(text, recipient.recipient(), "<recipient>");
        }
        Classification classification = classifier.classify(new Reply(recipient.replyCode(), recipient.status(), recipient.stage(), text));
        Reason reason = classification.reason();
        if ((reason == Reason.UNDEFINED || reason == Reason.NETWORKERROR) && isTemporary(recipient)) {
            return new Classification(Reason.EXPIRED, null, TEMPORARY_RULE, classification.blocklist());
        }
        if (reason == Reason.UNDEFINED && !saysAnythingAbout(recipient, text)) {
            // Only the notice's boilerplate, no reply, no status, no mention of the address: nothing to decide on.
            return classification;
        }
        if (reason == Reason.UNDEFINED && !text.isBlank()) {
            return new Classification(Reason.ONHOLD, null, UNDECIDED_RULE, classification.blocklist());
        }
        return classification;
    }

    private static boolean saysAnythingAbout(BounceRecipient recipient, String text) {
        return recipient.replyCode() != null || recipient.status() != null || recipient.recipient() == null
                || text.contains("<recipient>");
    }

    private static boolean isTemporary(BounceRecipient recipient) {
        if ("delayed".equals(recipient.action())) {
            return true;
        }
        if (recipient.status() != null) {
            // A generic 4.0.0 says nothing about the connection; x.4.x (no answer, bad connection) does.
            return recipient.status().startsWith("4.4.") || recipient.status().startsWith("4") && recipient.diagnostic() == null;
        }
        return recipient.replyCode() != null && recipient.replyCode() / 100 == 4;
    }
}
