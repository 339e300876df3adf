package org.mailtriage.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Aho–Corasick over every term of every rule: one pass over a reply finds all terms it contains,
 * so classifying a failure costs one scan rather than dozens of regexes. Matching is
 * case-insensitive, treats runs of white space as one space and typographic quotes as ASCII ones,
 * and respects word boundaries: a term that starts (ends) with an ASCII letter or digit only
 * matches where the text has no letter or digit before (after) it, so "1 attempts" is not found
 * in "21 attempts" nor "spam" in "spamhaus". Other characters (CJK, punctuation, '_') need no
 * boundary, so a provider code "_102" is found in "OFR006_102".
 * Immutable and thread-safe after construction.
 */
public final class TextMatcher {
    private final List<Map<Character, Integer>> transitions = new ArrayList<>();
    private final List<Integer> failure = new ArrayList<>();
    private final List<List<Integer>> outputs = new ArrayList<>();
    private final int[] termLengths;
    private final boolean[] boundaryBefore;
    private final boolean[] boundaryAfter;
    /**
     * The automaton as a table for ASCII (most reply text): next state = asciiNext[state * classes + classOf[char]]. The
     * ASCII characters no term holds share class 0 (from every state they lead back to the start), so a row is ~50
     * entries instead of 128 and the rows the scan visits stay in cache.
     */
    private final int[] asciiNext;
    private final int[] classOf = new int[128];
    private final int classes;
    private final int[][] outputByState;

    public TextMatcher(List<String> terms) {
        newState();
        termLengths = new int[terms.size()];
        boundaryBefore = new boolean[terms.size()];
        boundaryAfter = new boolean[terms.size()];
        for (int index = 0; index < terms.size(); index++) {
            String term = normalize(terms.get(index));
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty term at index " + index);
            }
            termLengths[index] = term.length();
            boundaryBefore[index] = isWordCharacter(term.charAt(0));
            boundaryAfter[index] = isWordCharacter(term.charAt(term.length() - 1));
            int state = 0;
            for (int position = 0; position < term.length(); position++) {
                char character = term.charAt(position);
                Integer next = transitions.get(state).get(character);
                if (next == null) {
                    next = newState();
                    transitions.get(state).put(character, next);
                }
                state = next;
            }
            outputs.get(state).add(index);
        }
        buildFailureLinks();
        int states = transitions.size();
        char[] representative = new char[129];
        int classCount = 1;
        for (Map<Character, Integer> edges : transitions) {
            for (char character : edges.keySet()) {
                if (character < 128 && classOf[character] == 0) {
                    classOf[character] = classCount;
                    representative[classCount++] = character;
                }
            }
        }
        classes = classCount;
        asciiNext = new int[states * classes];
        outputByState = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> output = outputs.get(state);
            outputByState[state] = output.isEmpty() ? null : output.stream().mapToInt(Integer::intValue).toArray();
            for (int characterClass = 1; characterClass < classes; characterClass++) {
                asciiNext[state * classes + characterClass] = step(state, representative[characterClass]);
            }
        }
    }

    public int termCount() {
        return termLengths.length;
    }

    /** Every occurrence of every term in the text, at word boundaries. */
    public Hits find(String text) {
        char[] normalized = new char[text.length()];
        int length = 0;
        boolean previousSpace = true;
        for (int position = 0; position < text.length(); position++) {
            char character = fold(text.charAt(position));
            if (isSpace(character)) {
                if (previousSpace) {
                    continue;
                }
                character = ' ';
                previousSpace = true;
            } else {
                previousSpace = false;
            }
            normalized[length++] = character;
        }
        Hits hits = new Hits(termLengths.length);
        int state = 0;
        for (int position = 0; position < length; position++) {
            char character = normalized[position];
            state = character < 128 ? asciiNext[state * classes + classOf[character]] : step(state, character);
            int[] output = outputByState[state];
            if (output == null) {
                continue;
            }
            for (int term : output) {
                int start = position - termLengths[term] + 1;
                if (boundaryBefore[term] && start > 0 && isWordCharacter(normalized[start - 1])) {
                    continue;
                }
                if (boundaryAfter[term] && position + 1 < length && isWordCharacter(normalized[position + 1])) {
                    continue;
                }
                hits.add(term, start, position + 1);
            }
        }
        return hits;
    }

    /** What a term or text looks like to the matcher: lower case, one space for each white-space run, ASCII quotes. */
    public static String normalize(String text) {
        StringBuilder normalized = new StringBuilder(text.length());
        boolean previousSpace = true;
        for (int position = 0; position < text.length(); position++) {
            char character = fold(text.charAt(position));
            if (isSpace(character)) {
                if (!previousSpace) {
                    normalized.append(' ');
                }
                previousSpace = true;
            } else {
                normalized.append(character);
                previousSpace = false;
            }
        }
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == ' ') {
            end--;
        }
        return normalized.substring(0, end);
    }

    static boolean isWordCharacter(char character) {
        return character >= 'a' && character <= 'z' || character >= '0' && character <= '9' || character >= 'A' && character <= 'Z';
    }

    private static char fold(char raw) {
        if (raw < 128) {
            return raw >= 'A' && raw <= 'Z' ? (char) (raw + 32) : raw;
        }
        return switch (raw) {
            case '\u2018', '\u2019', '\u02bc' -> '\'';
            case '\u201c', '\u201d' -> '"';
            case '\u00a0', '\u3000' -> ' ';
            default -> Character.toLowerCase(raw);
        };
    }

    private static boolean isSpace(char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r' || character == '\f' || character == 0x0B
                || character > 127 && Character.isWhitespace(character);
    }

    private int step(int state, char character) {
        while (state != 0 && !transitions.get(state).containsKey(character)) {
            state = failure.get(state);
        }
        return transitions.get(state).getOrDefault(character, 0);
    }

    private int newState() {
        transitions.add(new HashMap<>());
        failure.add(0);
        outputs.add(new ArrayList<>());
        return transitions.size() - 1;
    }

    private void buildFailureLinks() {
        Queue<Integer> queue = new ArrayDeque<>();
        for (int child : transitions.get(0).values()) {
            failure.set(child, 0);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (Map.Entry<Character, Integer> edge : transitions.get(state).entrySet()) {
                char character = edge.getKey();
                int child = edge.getValue();
                int fallback = failure.get(state);
                while (fallback != 0 && !transitions.get(fallback).containsKey(character)) {
                    fallback = failure.get(fallback);
                }
                Integer target = transitions.get(fallback).get(character);
                failure.set(child, target == null || target == child ? 0 : target);
                for (int term : outputs.get(failure.get(child))) {
                    if (!outputs.get(child).contains(term)) {
                        outputs.get(child).add(term);
                    }
                }
                queue.add(child);
            }
        }
    }

    /** The occurrences found in one text: term, start and end (exclusive) in the normalized text. */
    public static final class Hits {
        private final long[] found;
        private int[] occurrences = new int[24];
        private int count;

        Hits(int terms) {
            found = new long[(terms + 63) / 64];
        }

        void add(int term, int start, int end) {
            found[term >>> 6] |= 1L << term;
            if (count * 3 + 3 > occurrences.length) {
                occurrences = Arrays.copyOf(occurrences, occurrences.length * 2);
            }
            occurrences[count * 3] = term;
            occurrences[count * 3 + 1] = start;
            occurrences[count * 3 + 2] = end;
            count++;
        }

        public boolean contains(int term) {
            return (found[term >>> 6] & 1L << term) != 0;
        }

        public boolean isEmpty() {
            return count == 0;
        }

        /** How many occurrences were found (a term found twice counts twice). */
        public int occurrences() {
            return count;
        }

        /** The term of the i-th occurrence, in text order. */
        public int termOf(int occurrence) {
            return occurrences[occurrence * 3];
        }

        /** True when the terms occur in this order, each starting at or after the end of the one before. */
        public boolean inOrder(int[] terms) {
            for (int term : terms) {
                if (!contains(term)) {
                    return false;
                }
            }
            if (terms.length == 1) {
                return true;
            }
            return inOrderFrom(terms, 0, 0);
        }

        private boolean inOrderFrom(int[] terms, int part, int from) {
            if (part == terms.length) {
                return true;
            }
            // Greedy is exact here: the earliest end of a part leaves the most room for the next one.
            int earliestEnd = Integer.MAX_VALUE;
            for (int index = 0; index < count; index++) {
                if (occurrences[index * 3] == terms[part] && occurrences[index * 3 + 1] >= from) {
                    earliestEnd = Math.min(earliestEnd, occurrences[index * 3 + 2]);
                }
            }
            return earliestEnd != Integer.MAX_VALUE && inOrderFrom(terms, part + 1, earliestEnd);
        }
    }
}
