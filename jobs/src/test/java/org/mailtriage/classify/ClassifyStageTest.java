package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtriage.ingest.bounce.BounceKind;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.model.Layer;
import org.mailtriage.model.SmtpStage;

class ClassifyStageTest {
    private final ClassifyStage classifier = new ClassifyStage(Classifier.withDefaultRules());

    @Test
    void undecidedWordsAreOnholdOnlyWhenTheBounceSaysSomethingAboutTheRecipient() {
        String boilerplate = "This is the mail system at host relay.example.com. I'm sorry to have to inform you that your message "
                + "could not be delivered to one or more recipients. It's attached below.";
        assertThat(reasonOf("alice@example.net", null, null, boilerplate)).isEqualTo("undefined");
        assertThat(reasonOf("alice@example.net", null, null, "Your message to alice@example.net was not accepted today"))
                .isEqualTo("onhold");
        // A status that says nothing ("other undefined status") leaves the words undecided, but they are the receiver's.
        assertThat(reasonOf("alice@example.net", null, "5.0.0", boilerplate)).isEqualTo("onhold");
    }

    @Test
    void aKnownReplyCodeOrStatusIsNeverLeftUndecided() {
        assertThat(reasonOf("alice@example.net", 550, null, "550 not today")).isEqualTo("userunknown");
        assertThat(reasonOf("alice@example.net", 554, null, "554 not today")).isEqualTo("systemerror");
        assertThat(reasonOf("alice@example.net", null, "5.2.2", "no words")).isEqualTo("mailboxfull");
    }

    @Test
    void aBounceWithoutActionReportsAFailureSoATemporaryReplyMeansTheRetriesRanOut() {
        BounceRecipient recipient = new BounceRecipient(BounceKind.FAILURE, "alice@example.net", null, null, 421, "421 please come back later",
                null, SmtpStage.UNKNOWN, null);
        assertThat(classifier.classify(recipient).reason().label()).isEqualTo("expired");
        assertThat(classifier.classify(recipient).layer()).isEqualTo(Layer.FALLBACK);
    }

    @Test
    void theRecipientsOwnAddressDoesNotSpeak() {
        assertThat(reasonOf("spam@example.net", 550, "5.1.1", "550 5.1.1 <spam@example.net>: no such address here")).isEqualTo("userunknown");
    }

    private String reasonOf(String address, Integer replyCode, String status, String diagnostic) {
        BounceRecipient recipient = new BounceRecipient(BounceKind.FAILURE, address, "failed", status, replyCode, diagnostic, null,
                SmtpStage.UNKNOWN, null);
        return classifier.classify(recipient).reason().label();
    }
}
