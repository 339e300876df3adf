package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.WireParseException;

/** dnsjava's failures (and the resolver's own) end as one of two statuses, both unknown to the checks: never an answer. */
class ReplyStatusTest {
    @Test
    void timeouts() {
        assertStatus(new SocketTimeoutException("Query timed out"), ReplyStatus.TIMEOUT);
        assertStatus(new TimeoutException(), ReplyStatus.TIMEOUT);
        assertStatus(new CompletionException(new SocketTimeoutException("Query timed out")), ReplyStatus.TIMEOUT);
        assertStatus(new ExecutionException(new CompletionException(new SocketTimeoutException())), ReplyStatus.TIMEOUT);
    }

    @Test
    void everythingElseIsANetworkFailure() {
        assertStatus(new WireParseException("end of input"), ReplyStatus.NETWORK);
        assertStatus(new PortUnreachableException(), ReplyStatus.NETWORK);
        assertStatus(new IOException("Network is unreachable"), ReplyStatus.NETWORK);
        assertStatus(new CompletionException(new WireParseException("truncated")), ReplyStatus.NETWORK);
        assertStatus(new IllegalStateException("resolver closed"), ReplyStatus.NETWORK);
        assertStatus(new CompletionException(null), ReplyStatus.NETWORK);
    }

    @Test
    void neitherGivesATrustworthyAnswer() {
        assertThat(ReplyStatus.TIMEOUT.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ReplyStatus.NETWORK.errorKind()).isEqualTo(ErrorKind.NETWORK);
    }

    private static void assertStatus(Throwable failure, ReplyStatus expected) {
        assertThat(ReplyStatus.of(failure)).as(String.valueOf(failure)).isEqualTo(expected);
    }
}
