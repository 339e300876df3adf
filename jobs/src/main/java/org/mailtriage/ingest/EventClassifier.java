package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import org.mailtriage.classify.Classification;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.Reply;
import org.mailtriage.classify.SmtpStage;

/** Labels parsed events with the rule table: every source (logs, bounces) goes through here. */
public final class EventClassifier {
    private final Classifier classifier;

    public EventClassifier(Classifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    public DeliveryEvent classify(DeliveryEvent event) {
        SmtpStage stage = stageOf(event.smtpStage());
        String text = event.replyText() == null ? "" : event.replyText();
        Classification classification = classifier.classify(new Reply(event.replyCode(), event.enhancedStatus(), stage, text));
        return event.withClassification(classification, null);
    }

    private static SmtpStage stageOf(String label) {
        if (label == null) {
            return SmtpStage.UNKNOWN;
        }
        return label.equals("END-OF-DATA") ? SmtpStage.END_OF_DATA : SmtpStage.valueOf(label);
    }
}
