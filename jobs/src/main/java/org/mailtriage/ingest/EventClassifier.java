package org.mailtriage.ingest;

import org.mailtriage.model.DeliveryEvent;

/**
 * Labels each event a log reader parsed before it is handed on: the classify stage as the readers see it
 * ({@code classify.ClassifyStage}), passed in by the job so that parsing and classifying stay one pass over the
 * input while ingest does not depend on the rules.
 */
public interface EventClassifier {
    DeliveryEvent classify(DeliveryEvent event);
}
