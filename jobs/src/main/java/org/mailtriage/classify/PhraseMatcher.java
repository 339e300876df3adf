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
    }

    /** The indexes of all phrases that occur in the text. */
    BitSet find(String text) {
        BitSet found = new BitSet(phraseCount);
        int state = 0;
        boolean previousSpace = true;
        for (int position = 0; position < text.length(); position++) {
            char character = Character.toLowerCase(text.charAt(position));
            if (Character.isWhitespace(character)) {
                if (previousSpace) {
                    continue;
                }
                character = ' ';
                previousSpace = true;
            } else {
                previousSpace = false;
            }
            while (state != 0 && !transitions.get(state).containsKey(character)) {
                state = failure.get(state);
            }
            state = transitions.get(state).getOrDefault(character, 0);
            BitSet output = outputs.get(state);
            if (!output.isEmpty()) {
                found.or(output);
            }
        }
        return found;
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
