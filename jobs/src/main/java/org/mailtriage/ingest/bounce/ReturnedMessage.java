package org.mailtriage.ingest.bounce;

/**
 * What the returned copy of our own message says about how it left us: its Message-ID, the
 * envelope or header sender, and from the Received lines the sending IP and the HELO name our
 * server used, as the receiving side recorded them. Every field may be null.
 */
public record ReturnedMessage(String messageId, String sender, String to, String sendingIp, String heloName) {
    public static final ReturnedMessage NONE = new ReturnedMessage(null, null, null, null, null);
}
