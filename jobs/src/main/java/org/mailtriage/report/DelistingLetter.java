package org.mailtriage.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mailtriage.dns.Outcome;

/**
 * The ready-to-send English text of a delisting request (guide step 7): which IP, which list, what
 * the list answered, and the bounces that prove the listing hurts delivery. Only facts the report
 * has; every piece of outside text in it is already inert.
 */
public final class DelistingLetter {
    public static final int MAX_LENGTH = 4000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DelistingLetter() {
    }

    public static String compose(DelistingRequest draft) {
        StringBuilder text = new StringBuilder();
        String subject = draft.serverName() == null ? draft.ip() : draft.ip() + " (" + draft.serverName() + ")";
        boolean named = !draft.list().equals(RemediationPlanner.UNNAMED_LIST);
        text.append("Subject: Removal request for ").append(draft.ip());
        if (named) {
            text.append(" from ").append(draft.list());
        }
        text.append("\n\nHello,\n\n");
        if (draft.role() == ServerRole.OUR_SERVER) {
            text.append("we operate the mail server ").append(subject).append(". ");
        } else {
            text.append("this concerns the mail server ").append(subject).append(". ");
        }
        text.append(answerSentence(draft, named)).append('\n');
        if (draft.bounceCount() > 0) {
            text.append('\n').append(draft.bounceCount() == 1 ? "1 delivery was" : draft.bounceCount() + " deliveries were")
                    .append(" refused");
            if (named) {
                text.append(" with a reply naming ").append(draft.list());
            } else {
                text.append(" as blocklisted (the replies do not name the list)");
            }
            text.append(", from ").append(TIME.format(draft.firstBounce())).append(" to ").append(TIME.format(draft.lastBounce()))
                    .append(". Examples:\n");
            for (Sample sample : draft.sampleBounces()) {
                text.append("- ").append(TIME.format(sample.time()));
                if (sample.receivingDomain() != null) {
                    text.append(", to ").append(sample.receivingDomain());
                }
                text.append(": \"").append(sample.replyText() == null ? "(no reply text)" : sample.replyText()).append("\"\n");
            }
        }
        text.append('\n');
        if (named) {
            text.append("Please review the listing of ").append(draft.ip()).append(" and remove it if it no longer applies. ");
        } else {
            text.append("We are checking which list the receivers use (guide step 2) and will ask it for removal. ");
        }
        text.append("We can provide full logs and an SMTP test transcript on request.\n");
        if (draft.removalUrl() != null) {
            text.append("\nLook-up / removal page: ").append(draft.removalUrl()).append('\n');
        }
        text.append("\nThank you.");
        return InertText.multiline(text.toString(), MAX_LENGTH);
    }

    private static String answerSentence(DelistingRequest draft, boolean named) {
        if (!named) {
            return "Receiving servers refuse its mail because of a blocklist listing.";
        }
        Outcome outcome = draft.listOutcome();
        if (outcome == null) {
            return "Receiving servers refuse its mail citing " + draft.list() + "; we have not yet looked the IP up there ourselves.";
        }
        String when = draft.checkedAt() == null ? "" : " on " + TIME.format(draft.checkedAt());
        return switch (outcome) {
            case LISTED -> {
                StringBuilder sentence = new StringBuilder("A DNS look-up of ").append(draft.ip()).append(" in ").append(draft.list())
                        .append(when).append(" answered ");
                sentence.append(draft.returnCodes().isEmpty() ? "listed" : String.join(", ", draft.returnCodes()));
                if (draft.meaning() != null) {
                    sentence.append(" (").append(draft.meaning()).append(')');
                }
                if (draft.txt() != null) {
                    sentence.append(", with the text \"").append(draft.txt()).append('"');
                }
                yield sentence.append('.').toString();
            }
            case NOT_LISTED -> "A DNS look-up in " + draft.list() + when + " no longer shows it as listed, but receivers refused its mail"
                    + " citing the list before that.";
            // pass/fail are not blocklist answers; like unknown they say nothing definite about the list.
            case UNKNOWN, PASS, FAIL -> "A DNS look-up in " + draft.list() + when + " gave no definite answer"
                    + (draft.meaning() == null ? "" : " (" + draft.meaning() + ")") + "; receivers refuse its mail citing the list.";
        };
    }
}
