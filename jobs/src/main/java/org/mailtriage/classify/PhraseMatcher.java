package org.mailtriage.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * Aho–Corasick over every phrase of every rule: one pass over a reply finds all phrases it
 * contains, so classifying a failure costs one scan rather than dozens of regexes.
 * Matching is case-insensitive (ASCII and Unicode lower case) and treats runs of white space as one space.
 */
final class PhraseMatcher {
    private final List<Map<Character, Integer>> transitions = new ArrayList<>();
    private final List<Integer> failure = new ArrayList<>();
    private final List<BitSet> outputs = new ArrayList<>();
    private final int phraseCount;
    /** The automaton as a table for ASCII (most reply text): next state = asciiNext[state * 128 + char]. */
    private final int[] asciiNext;
    private final BitSet[] outputByState;

    PhraseMatcher(List<String> phrases) {
        newState();
        for (int index = 0; index < phrases.size(); index++) {
            String phrase = normalize(phrases.get(index));
            if (phrase.isEmpty()) {
                throw new IllegalArgumentException("empty phrase at index " + index);
            }
            int state = 0;
            for (int position = 0; position < phrase.length(); position++) {
                char character = phrase.charAt(position);
                Integer next = transitions.get(state).get(character);
                if (next == null) {
                    next = newState();
                    transitions.get(state).put(character, next);
                }
                state = next;
            }
            outputs.get(state).set(index);
        }
        phraseCount = phrases.size();
        buildFailureLinks();
        int states = transitions.size();
        asciiNext = new int[states * 128];
        outputByState = new BitSet[states];
        for (int state = 0; state < states; state++) {
            outputByState[state] = outputs.get(state).isEmpty() ? null : outputs.get(state);
            for (char character = 0; character < 128; character++) {
                asciiNext[state * 128 + character] = step(state, character);
            }
        }
    }

    /** The indexes of all phrases that occur in the text. */
    BitSet find(String text) {
        BitSet found = new BitSet(phraseCount);
        int state = 0;
        boolean previousSpace = true;
        for (int position = 0; position < text.length(); position++) {
            char raw = text.charAt(position);
            char character = raw < 128 ? (raw >= 'A' && raw <= 'Z' ? (char) (raw + 32) : raw) : Character.toLowerCase(raw);
            if (Character.isWhitespace(character)) {
                if (previousSpace) {
                    continue;
                }
                character = ' ';
                previousSpace = true;
            } else {
                previousSpace = false;
            }
            state = character < 128 ? asciiNext[state * 128 + character] : step(state, character);
            BitSet output = outputByState[state];
            if (output != null) {
                found.or(output);
            }
        }
        return found;
    }

    private int step(int state, char character) {
        while (state != 0 && !transitions.get(state).containsKey(character)) {
            state = failure.get(state);
        }
        return transitions.get(state).getOrDefault(character, 0);
    }

    static String normalize(String phrase) {
        return phrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private int newState() {
        transitions.add(new HashMap<>());
        failure.add(0);
        outputs.add(new BitSet());
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
                outputs.get(child).or(outputs.get(failure.get(child)));
                queue.add(child);
            }
        }
    }
}
