package org.mailtriage.bench;

import java.util.concurrent.TimeUnit;
import org.mailtriage.classify.Classifier;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The rule table over a mix of real-world replies: replies classified per second on one core. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {
    private static final String[] REPLIES = {
        "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10",
        "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
        "550-5.7.25 [192.0.2.20] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS "
                + "entry does not point to the sending IP. 550 5.7.25 As a policy, mail.example does not accept messages from IPs with missing PTR records.",
        "452 4.2.2 <carol@example.org>: Mailbox full",
        "450 4.2.0 <a@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/",
        "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints",
        "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
        "connect to mx.example.net[198.51.100.5]:25: Connection timed out",
    };
    private Classifier classifier;
    private Reply[] replies;

    @Setup
    public void setUp() {
        classifier = Classifier.withDefaultRules();
        replies = new Reply[REPLIES.length];
        for (int index = 0; index < REPLIES.length; index++) {
            replies[index] = Reply.parse(REPLIES[index], SmtpStage.RCPT);
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void classify(Blackhole blackhole) {
        for (Reply reply : replies) {
            blackhole.consume(classifier.classify(reply));
        }
    }
}
