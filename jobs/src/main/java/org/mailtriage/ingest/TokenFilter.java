package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A byte-level pre-filter: does a line contain any of a few tokens? Runs on raw bytes so the
 * (many) lines that are no failure never become Strings.
 */
public final class TokenFilter {
    private final byte[][] tokens;
    private final boolean[] firstBytes = new boolean[256];

    public TokenFilter(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens");
        }
        this.tokens = new byte[tokens.size()][];
        for (int index = 0; index < tokens.size(); index++) {
            byte[] token = tokens.get(index).getBytes(StandardCharsets.UTF_8);
            if (token.length == 0) {
                throw new IllegalArgumentException("empty token");
            }
            this.tokens[index] = token;
            firstBytes[token[0] & 0xff] = true;
        }
    }

    public boolean matches(byte[] buffer, int from, int to) {
        for (int position = from; position < to; position++) {
            if (!firstBytes[buffer[position] & 0xff]) {
                continue;
            }
            for (byte[] token : tokens) {
                if (token[0] == buffer[position] && position + token.length <= to && regionEquals(buffer, position, token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] buffer, int position, byte[] token) {
        for (int index = 1; index < token.length; index++) {
            if (buffer[position + index] != token[index]) {
                return false;
            }
        }
        return true;
    }
}
