package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

/**
 * One email as read from an archive, before parsing.
 *
 * @param offset byte offset of the email (its mbox "From " line) in the uncompressed file
 * @param bytes the email, at most the reader's limit; mbox "&gt;From " quoting already undone
 * @param totalBytes the email's full size, even where only part was kept
 * @param problem why the email cannot be parsed at all (it is quarantined), or null
 */
public record RawEmail(long offset, byte[] bytes, long totalBytes, String problem) {
    public RawEmail {
        requireNonNull(bytes, "bytes is null");
    }

    public boolean truncated() {
        return totalBytes > bytes.length;
    }
}
