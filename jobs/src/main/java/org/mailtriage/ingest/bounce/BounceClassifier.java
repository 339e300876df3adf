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
        return classifier.classify(new Reply(recipient.replyCode(), recipient.status(), recipient.stage(), text));
    }
}
