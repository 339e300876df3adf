package org.mailtriage.ingest.bounce;

import java.io.IOException;

/** Yields the emails of one input split, one at a time, so an archive is never held whole in memory. */
public interface EmailSource {
    /** The next email, or null when the split is done. */
    RawEmail next() throws IOException;
}
