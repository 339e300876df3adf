package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A byte-level pre-filter: does a line contain any of a few tokens? Runs on raw bytes so the
 * (many) lines that are no failure never become Strings.
 *
 * <p>Multi-token Wu–Manber search over 2-byte blocks: the window is as long as the shortest token,
 * and a block that occurs in no token prefix moves it by nearly its whole length, so most bytes of
 * a line are never looked at. Only blocks that end some token's prefix lead to a full comparison.
 */
public final class TokenFilter {
    private static final int BLOCKS = 1 << 16;

    private final byte[][] tokens;
    /** Length of the shortest token: the window every token prefix is cut to. */
    private final int window;
    /** How far the window may move when its last two bytes form this block. */
    private final byte[] shift = new byte[BLOCKS];
    /** Tokens whose prefix ends with this block (null for most blocks). */
    private final byte[][][] candidates = new byte[BLOCKS][][];

    public TokenFilter(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens");
        }
        this.tokens = new byte[tokens.size()][];
        int shortest = Integer.MAX_VALUE;
        for (int index = 0; index < tokens.size(); index++) {
            byte[] token = tokens.get(index).getBytes(StandardCharsets.UTF_8);
            if (token.length == 0) {
                throw new IllegalArgumentException("empty token");
            }
            this.tokens[index] = token;
            shortest = Math.min(shortest, token.length);
        }
        // A byte table holds shifts up to 127; longer windows only lose a little skip distance.
        window = Math.min(shortest, 64);
        if (window >= 2) {
            Arrays.fill(shift, (byte) (window - 1));
            for (byte[] token : this.tokens) {
                for (int last = 1; last < window; last++) {
                    int block = block(token[last - 1], token[last]);
                    shift[block] = (byte) Math.min(shift[block], window - 1 - last);
                }
                int block = block(token[window - 2], token[window - 1]);
                byte[][] list = candidates[block];
                candidates[block] = list == null ? new byte[][] {token} : append(list, token);
            }
        }
    }

    public boolean matches(byte[] buffer, int from, int to) {
        if (window < 2) {
            return matchesEveryByte(buffer, from, to);
        }
        int last = from + window - 1;
        while (last < to) {
            int block = block(buffer[last - 1], buffer[last]);
            int distance = shift[block];
            if (distance > 0) {
                last += distance;
                continue;
            }
            int start = last - window + 1;
            for (byte[] token : candidates[block]) {
                if (start + token.length <= to && regionEquals(buffer, start, token)) {
                    return true;
                }
            }
            last++;
        }
        return false;
    }

    private boolean matchesEveryByte(byte[] buffer, int from, int to) {
        for (int position = from; position < to; position++) {
            for (byte[] token : tokens) {
                if (token[0] == buffer[position] && position + token.length <= to && regionEquals(buffer, position, token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int block(byte first, byte second) {
        return (first & 0xff) << 8 | (second & 0xff);
    }

    private static byte[][] append(byte[][] list, byte[] token) {
        byte[][] longer = Arrays.copyOf(list, list.length + 1);
        longer[list.length] = token;
        return longer;
    }

    private static boolean regionEquals(byte[] buffer, int position, byte[] token) {
        for (int index = 0; index < token.length; index++) {
            if (buffer[position + index] != token[index]) {
                return false;
            }
        }
        return true;
    }
}
