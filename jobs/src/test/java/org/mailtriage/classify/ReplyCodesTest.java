package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

class ReplyCodesTest {
    @Test
    void splitsCodeStatusAndText() {
        assertReply("550 5.7.1 Service unavailable", 550, "5.7.1", "Service unavailable");
        assertReply("450 4.7.1 Client host rejected", 450, "4.7.1", "Client host rejected");
        assertReply("5.7.1 Spam message rejected", null, "5.7.1", "Spam message rejected");
        assertReply("554 RTR:BL", 554, null, "RTR:BL");
        assertReply("Connection refused", null, null, "Connection refused");
        assertReply("550-5.7.1 first", 550, "5.7.1", "first");
    }

    @Test
    void joinsMultiLineRepliesIntoOne() {
        assertReply("550-5.7.1 Unfortunately, messages weren't sent. 550-5.7.1 Please contact your provider. 550 5.7.1 See the link",
                550, "5.7.1", "Unfortunately, messages weren't sent. Please contact your provider. See the link");
        assertReply("550-5.7.25 [192.0.2.10] no PTR 550 5.7.25 As a policy", 550, "5.7.25", "[192.0.2.10] no PTR As a policy");
    }

    @Test
    void findsAStatusInsideTheTextWhenTheReplyOmitsIt() {
        assertReply("550 Requested action not taken: 5.1.1 mailbox unavailable", 550, "5.1.1", "Requested action not taken: 5.1.1 mailbox unavailable");
        // An IP address is not a status, and a status of the wrong class is not taken.
        assertReply("550 rejected 192.0.2.10", 550, null, "rejected 192.0.2.10");
        assertReply("550 see 4.7.1 earlier", 550, null, "see 4.7.1 earlier");
    }

    private static void assertReply(String text, Integer code, String status, String rest) {
        Reply reply = Reply.parse(text, SmtpStage.UNKNOWN);
        assertThat(reply.replyCode()).as("code of %s", text).isEqualTo(code);
        assertThat(reply.enhancedStatus()).as("status of %s", text).isEqualTo(status);
        assertThat(reply.text()).as("text of %s", text).isEqualTo(rest);
    }
}
