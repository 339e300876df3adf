package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import org.mailtriage.classify.Classification;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.Reply;
import org.mailtriage.classify.SmtpStage;

/** Labels parsed log events with the classifier: every log source goes through here. */
public final class EventClassifier {
    private static final String FAILED = "failed";
    private final Classifier classifier;

    public EventClassifier(Classifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    public DeliveryEvent classify(DeliveryEvent event) {
        SmtpStage stage = stageOf(event.smtpStage());
        String text = event.replyText() == null ? "" : event.replyText();
        // A log's "delayed" is one deferred attempt, not a DSN's delay warning after hours of retries: only a final
        // failure ("failed", e.g. Postfix status=bounced or expired) is handed on as the DSN action it resembles.
        String action = FAILED.equals(event.dsnAction()) ? FAILED : null;
        Classification classification = classifier.classify(new Reply(event.replyCode(), event.enhancedStatus(), stage, text, action, null));
        return event.withClassification(classification, null);
    }

    private static SmtpStage stageOf(String label) {
        if (label == null) {
            return SmtpStage.UNKNOWN;
        }
        return label.equals("END-OF-DATA") ? SmtpStage.END_OF_DATA : SmtpStage.valueOf(label);
    }
}
