package dev.sluice.domain.application.service.validation;

import java.util.regex.Pattern;

/**
 * A compiled field pattern with whole-string ({@link java.util.regex.Matcher#matches()}) semantics.
 *
 * <p>Most id patterns of telemetry schemas ({@code EVENT_[0-9a-zA-Z]{8}}, {@code [A-Z][A-Z0-9_]{2,63}})
 * are a run of literal characters and ASCII character classes with counted repetitions. Those are
 * compiled to a {@link Simple} matcher that allocates nothing; anything else falls back to
 * {@link java.util.regex.Pattern}, compiled once.
 */
sealed interface StringMatcher permits StringMatcher.Simple, StringMatcher.Regex {

    boolean matches(String s);

    static StringMatcher compile(String regex) {
        Simple simple = Simple.tryParse(regex);
        return simple != null ? simple : new Regex(Pattern.compile(regex));
    }

    /** Fallback: a precompiled {@link Pattern}. */
    record Regex(Pattern pattern) implements StringMatcher {
        @Override
        public boolean matches(String s) {
            return pattern.matcher(s).matches();
        }
    }

    /**
     * A sequence of atoms, each an ASCII character set repeated a fixed number of times; only the
     * last atom may repeat a variable number of times, so matching needs no backtracking.
     */
    final class Simple implements StringMatcher {
        private final long[] lowBits;   // characters 0..63 of each atom
        private final long[] highBits;  // characters 64..127 of each atom
        private final int[] min;
        private final int[] max;
        private final int fixedLength;  // sum of min over all atoms but the last

        private Simple(long[] lowBits, long[] highBits, int[] min, int[] max) {
            this.lowBits = lowBits;
            this.highBits = highBits;
            this.min = min;
            this.max = max;
            int fixed = 0;
            for (int i = 0; i < min.length - 1; i++) {
                fixed += min[i];
            }
            this.fixedLength = fixed;
        }

        @Override
        public boolean matches(String s) {
            int n = s.length();
            int atoms = min.length;
            int last = atoms - 1;
            int rest = n - fixedLength;
            if (rest < min[last] || rest > max[last]) {
                return false;
            }
            int pos = 0;
            for (int a = 0; a < atoms; a++) {
                int count = a == last ? rest : min[a];
                long lo = lowBits[a];
                long hi = highBits[a];
                for (int k = 0; k < count; k++) {
                    char c = s.charAt(pos++);
                    if (c < 64) {
                        if ((lo & (1L << c)) == 0) {
                            return false;
                        }
                    } else if (c < 128) {
                        if ((hi & (1L << (c - 64))) == 0) {
                            return false;
                        }
                    } else {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The simple form of {@code regex}, or {@code null} when it uses anything beyond that subset. */
        static Simple tryParse(String regex) {
            String r = regex;
            if (r.startsWith("^")) {
                r = r.substring(1);
            }
            if (r.endsWith("$") && !r.endsWith("\\$")) {
                r = r.substring(0, r.length() - 1);
            }
            int n = r.length();
            if (n == 0 || n > 256) {
                return null;
            }
            long[] lo = new long[n];
            long[] hi = new long[n];
            int[] mins = new int[n];
            int[] maxs = new int[n];
            int atoms = 0;
            int i = 0;
            while (i < n) {
                long[] set = new long[2];
                char c = r.charAt(i);
                if (c == '[') {
                    int end = parseClass(r, i + 1, set);
                    if (end < 0) {
                        return null;
                    }
                    i = end;
                } else if (c == '\\') {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char e = r.charAt(i + 1);
                    if (e == 'd') {
                        addRange(set, '0', '9');
                    } else if (isEscapableLiteral(e)) {
                        addRange(set, e, e);
                    } else {
                        return null;
                    }
                    i += 2;
                } else if (isPlainLiteral(c)) {
                    addRange(set, c, c);
                    i++;
                } else {
                    return null; // '.', '(', '|', '*', '+', '?', '{' without atom, non-ASCII, ...
                }
                int lower = 1;
                int upper = 1;
                if (i < n && r.charAt(i) == '{') {
                    int close = r.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    String body = r.substring(i + 1, close);
                    int comma = body.indexOf(',');
                    try {
                        if (comma < 0) {
                            lower = upper = Integer.parseInt(body);
                        } else {
                            lower = Integer.parseInt(body.substring(0, comma));
                            upper = Integer.parseInt(body.substring(comma + 1));
                        }
                    } catch (NumberFormatException notCounted) {
                        return null; // {m,} and malformed counts go to java.util.regex
                    }
                    if (lower < 0 || upper < lower || upper > 10_000) {
                        return null;
                    }
                    i = close + 1;
                }
                if (i < n && (r.charAt(i) == '?' || r.charAt(i) == '*' || r.charAt(i) == '+')) {
                    return null;
                }
                lo[atoms] = set[0];
                hi[atoms] = set[1];
                mins[atoms] = lower;
                maxs[atoms] = upper;
                atoms++;
            }
            for (int a = 0; a < atoms - 1; a++) {
                if (mins[a] != maxs[a]) {
                    return null; // a variable repetition before the end would need backtracking
                }
            }
            return new Simple(java.util.Arrays.copyOf(lo, atoms), java.util.Arrays.copyOf(hi, atoms),
                    java.util.Arrays.copyOf(mins, atoms), java.util.Arrays.copyOf(maxs, atoms));
        }

        /** Parses a class body from {@code i} (after '['); returns the index after ']', or -1. */
        private static int parseClass(String r, int i, long[] set) {
            int n = r.length();
            if (i < n && r.charAt(i) == '^') {
                return -1; // negated classes include non-ASCII characters: leave them to java.util.regex
            }
            boolean any = false;
            while (i < n && r.charAt(i) != ']') {
                char from = r.charAt(i);
                if (from == '[' || from == '&') {
                    return -1; // nested classes and intersections
                }
                if (from == '\\') {
                    if (i + 1 >= n) {
                        return -1;
                    }
                    char e = r.charAt(i + 1);
                    if (e == 'd') {
                        addRange(set, '0', '9');
                        i += 2;
                        any = true;
                        continue;
                    }
                    if (!isEscapableLiteral(e)) {
                        return -1;
                    }
                    from = e;
                    i += 2;
                } else {
                    i++;
                }
                char to = from;
                if (i + 1 < n && r.charAt(i) == '-' && r.charAt(i + 1) != ']') {
                    to = r.charAt(i + 1);
                    if (to == '\\' || to == '[') {
                        return -1;
                    }
                    i += 2;
                }
                if (from > 127 || to > 127 || to < from) {
                    return -1;
                }
                addRange(set, from, to);
                any = true;
            }
            return i < n && any ? i + 1 : -1;
        }

        private static void addRange(long[] set, char from, char to) {
            for (char c = from; c <= to; c++) {
                if (c < 64) {
                    set[0] |= 1L << c;
                } else {
                    set[1] |= 1L << (c - 64);
                }
            }
        }

        private static boolean isPlainLiteral(char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '_' || c == '-' || c == ':' || c == '/' || c == '@' || c == '#' || c == '=' || c == ','
                    || c == '%' || c == '!' || c == '~' || c == '\'' || c == ';' || c == ' ';
        }

        private static boolean isEscapableLiteral(char c) {
            return c < 128 && !Character.isLetterOrDigit(c);
        }
    }
}
