package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.mailtriage.ingest.bounce.BounceClassifier;
import org.mailtriage.ingest.bounce.BounceParser;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.ingest.bounce.EmailSource;
import org.mailtriage.ingest.bounce.MboxReader;
import org.mailtriage.ingest.bounce.RawEmail;
import org.mailtriage.ingest.bounce.WholeFileEmail;
import org.mailtriage.model.Classification;

/**
 * Decodes bounce files on the local disk one recipient at a time, without Spark: for {@code decode}, the
 * differential comparison with Sisimai ({@code tools/sisimai/diff.sh}) and corpus work. A folder is read
 * file by file (a Maildir's {@code cur/} and {@code new/} too), a file that starts with an mbox "From " line
 * as an mbox, any other as one email; gzip is undone.
 */
public final class BounceFiles {
    /** One recipient of one email: where it came from and what the parser and classifier made of it. */
    public record Decoded(Path file, int message, BounceRecipient recipient, Classification classification) {
        public Decoded {
            requireNonNull(file, "file is null");
            requireNonNull(recipient, "recipient is null");
            requireNonNull(classification, "classification is null");
        }
    }

    private BounceFiles() {
    }

    public static List<Decoded> decode(List<Path> inputs, BounceClassifier classifier) throws IOException {
        List<Decoded> decoded = new ArrayList<>();
        for (Path input : inputs) {
            for (Path file : files(input)) {
                decodeFile(file, classifier, decoded);
            }
        }
        return decoded;
    }

    private static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static void decodeFile(Path file, BounceClassifier classifier, List<Decoded> decoded) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = raw;
            raw.mark(2);
            if (raw.read() == 0x1f && raw.read() == 0x8b) {
                raw.reset();
                in = new BufferedInputStream(new GZIPInputStream(raw));
            } else {
                raw.reset();
            }
            in.mark(5);
            byte[] head = in.readNBytes(5);
            in.reset();
            boolean mbox = head.length == 5 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("From ");
            EmailSource source = mbox ? new MboxReader(in, 0, Long.MAX_VALUE) : new WholeFileEmail(in);
            int message = 0;
            for (RawEmail email = source.next(); email != null; email = source.next()) {
                message++;
                for (BounceRecipient recipient : BounceParser.parse(email.bytes()).recipients()) {
                    decoded.add(new Decoded(file, message, recipient, classifier.classify(recipient)));
                }
            }
        }
    }
}
