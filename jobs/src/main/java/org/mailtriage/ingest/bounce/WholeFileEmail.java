package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;

/** A file that holds one email (.eml, a Maildir entry), plain or decompressed: at most {@link MboxReader#MAX_EMAIL_BYTES} are kept. */
public final class WholeFileEmail implements EmailSource {
    private final InputStream in;
    private boolean done;

    public WholeFileEmail(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public RawEmail next() throws IOException {
        if (done) {
            return null;
        }
        done = true;
        byte[] bytes = in.readNBytes(MboxReader.MAX_EMAIL_BYTES);
        long total = bytes.length;
        if (bytes.length == MboxReader.MAX_EMAIL_BYTES) {
            byte[] skipBuffer = new byte[1 << 16];
            int read;
            while ((read = in.read(skipBuffer)) > 0) {
                total += read;
            }
        }
        return new RawEmail(0, bytes, total, null);
    }
}
