package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import org.mailtriage.ingest.EventClassifier;
import org.mailtriage.ingest.bounce.BounceClassifier;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.ingest.bounce.BounceText;
import org.mailtriage.model.Classification;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * The classify stage: labels what the readers parsed — a log event, or the recipient of a bounce with what its
 * delivery-status part adds (action, diagnostic type) — with one {@link Classifier}. The readers see it only through
 * {@link EventClassifier} and {@link BounceClassifier}, so parsing never depends on the rules; the job hands it to them
 * to classify in the same pass. Recipients that are not failures keep their kind as the reason (delivered, vacation,
 * feedback).
 */
public final class ClassifyStage implements EventClassifier, BounceClassifier {
    public static final String KIND_RULE = "bounce-kind";
    /** A failure no layer could decide: Sisimai's "onhold" when the bounce said something, else "undefined". */
    public static final String UNDECIDED_RULE = "bounce-undecided";
    private static final String FAILED = "failed";
    private final Classifier classifier;

    public ClassifyStage(Classifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    public Classifier classifier() {
        return classifier;
    }

    @Override
    public DeliveryEvent classify(DeliveryEvent event) {
        SmtpStage stage = stageOf(event.smtpStage());
        String text = event.replyText() == null ? "" : event.replyText();
        // A log's "delayed" is one deferred attempt, not a DSN's delay warning after hours of retries: only a final
        // failure ("failed", e.g. Postfix status=bounced or expired) is handed on as the DSN action it resembles.
        String action = FAILED.equals(event.dsnAction()) ? FAILED : null;
        Classification classification = classifier.classify(new Reply(event.replyCode(), event.enhancedStatus(), stage, text, action, null));
        return event.withClassification(classification, null);
    }

    @Override
    public Classification classify(BounceRecipient recipient) {
        return switch (recipient.kind()) {
            case DELIVERED -> kind(Reason.DELIVERED);
            case VACATION -> kind(Reason.VACATION);
            case FEEDBACK -> kind(Reason.FEEDBACK);
            case NOT_A_BOUNCE -> kind(Reason.UNDEFINED);
            case FAILURE -> classifyFailure(recipient);
        };
    }

    /**
     * The reply as the classifier sees it: the recipient's own address does not speak ("policy@…", "spam@…"), and a
     * bounce whose delivery-status part gives no action reports a failure (that is what a bounce is; a delay warning
     * says so in its words).
     */
    public static Reply replyOf(BounceRecipient recipient) {
        String text = recipient.diagnostic() == null ? "" : recipient.diagnostic();
        if (recipient.recipient() != null && recipient.recipient().length() > 3) {
            text = BounceText.replaceIgnoringAsciiCase(text, recipient.recipient(), "<recipient>");
        }
        String action = recipient.action() == null ? FAILED : recipient.action();
        return new Reply(recipient.replyCode(), recipient.status(), recipient.stage(), text, action, recipient.diagnosticType());
    }

    private Classification classifyFailure(BounceRecipient recipient) {
        Reply reply = replyOf(recipient);
        Classification classification = classifier.classify(reply);
        if (classification.layer() != Layer.NONE) {
            return classification;
        }
        // Nothing decided: "onhold" (to be decided by a person) when the receiver's words are there (a reply code, a status,
        // a Diagnostic-Code, or a text that names the recipient); "undefined" when only a notice's boilerplate is.
        boolean saidSomething = !reply.text().isBlank() && (recipient.replyCode() != null || recipient.status() != null
                || recipient.diagnosticType() != null || recipient.recipient() == null || reply.text().contains("<recipient>"));
        return saidSomething ? new Classification(Reason.ONHOLD, null, UNDECIDED_RULE, null, Layer.NONE) : classification;
    }

    private static Classification kind(Reason reason) {
        return new Classification(reason, null, KIND_RULE, null, Layer.KIND);
    }

    private static SmtpStage stageOf(String label) {
        if (label == null) {
            return SmtpStage.UNKNOWN;
        }
        return label.equals("END-OF-DATA") ? SmtpStage.END_OF_DATA : SmtpStage.valueOf(label);
    }
}
