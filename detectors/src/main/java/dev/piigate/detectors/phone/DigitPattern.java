package dev.piigate.detectors.phone;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression over the digits 0-9, as libphonenumber's metadata writes a number type's
 * national number pattern ({@code (?:2(?:0[1-35-9]|1[02-9])|3[0-24679])\d{7}}), compiled to a
 * deterministic automaton: a whole-string match is one table step per digit instead of
 * {@code java.util.regex}'s backtracking through the alternatives, which was a seventh of the phone
 * detector's time. {@link #compile} takes digits, {@code \d}, classes of digits and ranges, groups
 * ({@code (...)}, {@code (?:...)}), {@code |} and the quantifiers {@code ? * + {n} {n,} {n,m}};
 * for anything else, or an automaton past {@link #MAX_STATES}, it returns null and the caller keeps
 * the regex. {@code DigitPatternTest} holds every pattern of the metadata to the regex's answers.
 * Immutable and thread-safe.
 */
final class DigitPattern {
    /** More states than this: the caller keeps the regex (a table of this many is 160 KB). */
    static final int MAX_STATES = 4096;
    private static final int ALL_DIGITS = 0x3FF;

    /** transitions[state * 10 + digit]: the next state, or -1 where no match can follow. */
    private final int[] transitions;
    private final boolean[] accepting;

    private DigitPattern(int[] transitions, boolean[] accepting) {
        this.transitions = transitions;
        this.accepting = accepting;
    }

    /** The automaton of {@code regex}, or null if it uses syntax beyond the above or grows too big. */
    static DigitPattern compile(String regex) {
        Node tree;
        try {
            Parser p = new Parser(regex);
            tree = p.alternatives();
            if (p.at < regex.length()) {
                return null; // a ')' without its '('
            }
        } catch (Unsupported e) {
            return null;
        }
        Nfa nfa = new Nfa();
        try {
            int[] fragment = nfa.build(tree);
            return nfa.determinize(fragment[0], fragment[1]);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Whether all of {@code s} matches, as {@code Pattern.matcher(s).matches()} answers. */
    boolean matches(CharSequence s) {
        int state = 0;
        for (int i = 0; i < s.length(); i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            state = transitions[state * 10 + digit];
            if (state < 0) {
                return false;
            }
        }
        return accepting[state];
    }

    /** Syntax the automaton does not take: the caller keeps the regex. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The parsed pattern: digits (a set), a sequence, alternatives, a repeat (max -1: unbounded). */
    private sealed interface Node permits Digits, Sequence, Either, Repeat {}

    private record Digits(int mask) implements Node {}

    private record Sequence(List<Node> parts) implements Node {}

    private record Either(List<Node> choices) implements Node {}

    private record Repeat(Node body, int min, int max) implements Node {}

    /** Recursive descent over the pattern's text. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Node alternatives() {
            List<Node> choices = new ArrayList<>();
            choices.add(sequence());
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                choices.add(sequence());
            }
            return choices.size() == 1 ? choices.get(0) : new Either(choices);
        }

        private Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                parts.add(repeated(atom()));
            }
            return new Sequence(parts);
        }

        private Node repeated(Node atom) {
            Node node = atom;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '?') {
                    node = new Repeat(node, 0, 1);
                } else if (c == '*') {
                    node = new Repeat(node, 0, -1);
                } else if (c == '+') {
                    node = new Repeat(node, 1, -1);
                } else if (c == '{') {
                    at++;
                    int min = number();
                    int max = min;
                    if (peek() == ',') {
                        at++;
                        max = peek() == '}' ? -1 : number();
                    }
                    expect('}');
                    if (max != -1 && max < min || min > 64 || max > 64) {
                        throw new Unsupported();
                    }
                    node = new Repeat(node, min, max);
                    continue;
                } else {
                    return node;
                }
                at++;
                if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '+')) {
                    throw new Unsupported(); // lazy or possessive: not worth telling apart here
                }
            }
            return node;
        }

        private Node atom() {
            char c = text.charAt(at++);
            if (c >= '0' && c <= '9') {
                return new Digits(1 << (c - '0'));
            }
            if (c == '\\') {
                if (peek() != 'd') {
                    throw new Unsupported();
                }
                at++;
                return new Digits(ALL_DIGITS);
            }
            if (c == '[') {
                return new Digits(digitClass());
            }
            if (c == '(') {
                if (text.startsWith("?:", at)) {
                    at += 2;
                } else if (peek() == '?') {
                    throw new Unsupported(); // look-around and flags
                }
                Node inner = alternatives();
                expect(')');
                return inner;
            }
            throw new Unsupported();
        }

        private int digitClass() {
            int mask = 0;
            if (peek() == '^') {
                throw new Unsupported();
            }
            while (peek() != ']') {
                char c = text.charAt(at++);
                int low;
                if (c == '\\' && peek() == 'd') {
                    at++;
                    mask |= ALL_DIGITS;
                    continue;
                } else if (c >= '0' && c <= '9') {
                    low = c - '0';
                } else {
                    throw new Unsupported();
                }
                int high = low;
                if (peek() == '-' && at + 1 < text.length() && text.charAt(at + 1) != ']') {
                    char h = text.charAt(at + 1);
                    if (h < '0' || h > '9' || h < c) {
                        throw new Unsupported();
                    }
                    high = h - '0';
                    at += 2;
                }
                for (int d = low; d <= high; d++) {
                    mask |= 1 << d;
                }
            }
            at++;
            return mask;
        }

        private int number() {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 3) {
                at++;
            }
            if (at == start) {
                throw new Unsupported();
            }
            return Integer.parseInt(text, start, at, 10);
        }

        private char peek() {
            if (at >= text.length()) {
                throw new Unsupported(); // the pattern ends inside a construct
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new Unsupported();
            }
            at++;
        }
    }

    /** A Thompson automaton: each state steps on a set of digits to one state, or on nothing to others. */
    private static final class Nfa {
        private final List<int[]> epsilons = new ArrayList<>();
        private final List<Integer> masks = new ArrayList<>();
        private final List<Integer> targets = new ArrayList<>();

        private int state() {
            epsilons.add(new int[0]);
            masks.add(0);
            targets.add(-1);
            return masks.size() - 1;
        }

        private void epsilon(int from, int to) {
            int[] old = epsilons.get(from);
            int[] more = java.util.Arrays.copyOf(old, old.length + 1);
            more[old.length] = to;
            epsilons.set(from, more);
        }

        /** The fragment of {@code node}: its start and end state. */
        int[] build(Node node) {
            if (states() > 16 * MAX_STATES) {
                throw new Unsupported(); // a pattern this large would not determinize within the bound
            }
            if (node instanceof Digits d) {
                int s = state();
                int e = state();
                masks.set(s, d.mask());
                targets.set(s, e);
                return new int[] {s, e};
            }
            if (node instanceof Sequence q) {
                int s = state();
                int end = s;
                for (Node part : q.parts()) {
                    int[] f = build(part);
                    epsilon(end, f[0]);
                    end = f[1];
                }
                return new int[] {s, end};
            }
            if (node instanceof Either a) {
                int s = state();
                int e = state();
                for (Node choice : a.choices()) {
                    int[] f = build(choice);
                    epsilon(s, f[0]);
                    epsilon(f[1], e);
                }
                return new int[] {s, e};
            }
            Repeat r = (Repeat) node;
            int s = state();
            int end = s;
            for (int k = 0; k < r.min(); k++) {
                int[] f = build(r.body());
                epsilon(end, f[0]);
                end = f[1];
            }
            int e = state();
            if (r.max() < 0) {
                int[] f = build(r.body());
                epsilon(end, f[0]);
                epsilon(f[1], f[0]);
                epsilon(f[1], e);
                epsilon(end, e);
            } else {
                for (int k = r.min(); k < r.max(); k++) {
                    int[] f = build(r.body());
                    epsilon(end, f[0]);
                    epsilon(end, e);
                    end = f[1];
                }
                epsilon(end, e);
            }
            return new int[] {s, e};
        }

        private int states() {
            return masks.size();
        }

        private BitSet closure(BitSet set) {
            BitSet out = (BitSet) set.clone();
            int[] stack = new int[states()];
            int top = 0;
            for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
                stack[top++] = s;
            }
            while (top > 0) {
                for (int t : epsilons.get(stack[--top])) {
                    if (!out.get(t)) {
                        out.set(t);
                        stack[top++] = t;
                    }
                }
            }
            return out;
        }

        /** The subset construction; null past {@link #MAX_STATES}. */
        DigitPattern determinize(int start, int end) {
            Map<BitSet, Integer> ids = new HashMap<>();
            List<BitSet> sets = new ArrayList<>();
            BitSet first = new BitSet();
            first.set(start);
            first = closure(first);
            ids.put(first, 0);
            sets.add(first);
            List<int[]> rows = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                BitSet set = sets.get(i);
                int[] row = new int[10];
                for (int digit = 0; digit < 10; digit++) {
                    BitSet next = new BitSet();
                    for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
                        if ((masks.get(s) & (1 << digit)) != 0) {
                            next.set(targets.get(s));
                        }
                    }
                    if (next.isEmpty()) {
                        row[digit] = -1;
                        continue;
                    }
                    BitSet closed = closure(next);
                    Integer id = ids.get(closed);
                    if (id == null) {
                        if (sets.size() == MAX_STATES) {
                            return null;
                        }
                        id = sets.size();
                        ids.put(closed, id);
                        sets.add(closed);
                    }
                    row[digit] = id;
                }
                rows.add(row);
            }
            int[] transitions = new int[rows.size() * 10];
            boolean[] accepting = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, transitions, i * 10, 10);
                accepting[i] = sets.get(i).get(end);
            }
            return new DigitPattern(transitions, accepting);
        }
    }
}
