package org.mailtriage.ingest.bounce;

import org.mailtriage.model.Classification;

/**
 * Labels each recipient of a parsed bounce: the classify stage as the bounce readers see it
 * ({@code classify.ClassifyStage}), passed in by the job so that parsing and classifying stay one pass.
 */
public interface BounceClassifier {
    Classification classify(BounceRecipient recipient);
}
