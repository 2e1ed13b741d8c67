package dev.sluice.domain.application.service.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How alike two field names are, in [0, 1], aware of tokens and abbreviations
 * ({@code transaction_date} and {@code txn_date} score 0.95).
 *
 * <ol>
 *   <li>Split each name into lower-case tokens on {@code _}, {@code -}, {@code .}, spaces and camelCase
 *       boundaries.</li>
 *   <li>Score token pairs: 1 when equal; 0.9 when one is a known abbreviation of the other
 *       ({@code txn}/{@code transaction}); 0.85 when the shorter (2+ characters) is a subsequence of
 *       the longer starting with the same letter ({@code cnt}/{@code count}, {@code ts}/{@code timestamp});
 *       otherwise {@code 1 - levenshtein / longer length} when that is at least 0.6, else 0.</li>
 *   <li>Pair tokens greedily, best pairs first, each token used once, and return the Dice-style
 *       {@code 2 * sum of pair scores / (tokens of a + tokens of b)}.</li>
 * </ol>
 * Whole-name edit distance is deliberately not used on multi-token names: it makes
 * {@code min_value} and {@code max_value} look alike.
 */
final class NameSimilarity {

    /** Common abbreviations in telemetry and business data, abbreviation to the words it stands for. */
    private static final Map<String, Set<String>> ABBREVIATIONS = Map.ofEntries(
            Map.entry("txn", Set.of("transaction")),
            Map.entry("tx", Set.of("transaction")),
            Map.entry("trx", Set.of("transaction")),
            Map.entry("xact", Set.of("transaction")),
            Map.entry("qty", Set.of("quantity")),
            Map.entry("amt", Set.of("amount")),
            Map.entry("no", Set.of("number")),
            Map.entry("nbr", Set.of("number")),
            Map.entry("num", Set.of("number")),
            Map.entry("cnt", Set.of("count")),
            Map.entry("ts", Set.of("timestamp", "time")),
            Map.entry("dt", Set.of("date", "datetime")),
            Map.entry("tm", Set.of("time")),
            Map.entry("id", Set.of("identifier")),
            Map.entry("usr", Set.of("user")),
            Map.entry("cust", Set.of("customer")),
            Map.entry("acct", Set.of("account")),
            Map.entry("addr", Set.of("address")),
            Map.entry("desc", Set.of("description")),
            Map.entry("msg", Set.of("message")),
            Map.entry("pct", Set.of("percent", "percentage")),
            Map.entry("avg", Set.of("average")),
            Map.entry("src", Set.of("source")),
            Map.entry("dst", Set.of("destination")),
            Map.entry("dest", Set.of("destination")),
            Map.entry("ref", Set.of("reference")),
            Map.entry("org", Set.of("organization", "organisation")),
            Map.entry("cfg", Set.of("config", "configuration")),
            Map.entry("conf", Set.of("config", "configuration")),
            Map.entry("env", Set.of("environment")),
            Map.entry("idx", Set.of("index")),
            Map.entry("len", Set.of("length")),
            Map.entry("val", Set.of("value")),
            Map.entry("sec", Set.of("seconds", "second")),
            Map.entry("secs", Set.of("seconds")),
            Map.entry("ms", Set.of("milliseconds", "millis")),
            Map.entry("dur", Set.of("duration")),
            Map.entry("ccy", Set.of("currency")),
            Map.entry("cur", Set.of("currency")),
            Map.entry("prod", Set.of("product")),
            Map.entry("cat", Set.of("category")),
            Map.entry("loc", Set.of("location")),
            Map.entry("lat", Set.of("latitude")),
            Map.entry("lon", Set.of("longitude")),
            Map.entry("lng", Set.of("longitude")));

    private NameSimilarity() {
    }

    static double similarity(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        if (ta.isEmpty() || tb.isEmpty()) {
            return 0.0;
        }
        int na = ta.size();
        int nb = tb.size();
        double[][] score = new double[na][nb];
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                score[i][j] = tokenSimilarity(ta.get(i), tb.get(j));
            }
        }
        boolean[] usedA = new boolean[na];
        boolean[] usedB = new boolean[nb];
        double sum = 0.0;
        for (int round = 0; round < Math.min(na, nb); round++) {
            int bi = -1;
            int bj = -1;
            double best = 0.0;
            for (int i = 0; i < na; i++) {
                if (usedA[i]) {
                    continue;
                }
                for (int j = 0; j < nb; j++) {
                    if (!usedB[j] && score[i][j] > best) {
                        best = score[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            usedA[bi] = true;
            usedB[bj] = true;
            sum += best;
        }
        return 2.0 * sum / (na + nb);
    }

    static double tokenSimilarity(String x, String y) {
        if (x.equals(y)) {
            return 1.0;
        }
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        Set<String> expansions = ABBREVIATIONS.get(shorter);
        if (expansions != null && expansions.contains(longer)) {
            return 0.9;
        }
        if (shorter.length() >= 2 && shorter.charAt(0) == longer.charAt(0) && isSubsequence(shorter, longer)) {
            return 0.85;
        }
        double edit = 1.0 - (double) levenshtein(x, y) / longer.length();
        return edit >= 0.6 ? edit : 0.0;
    }

    static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean separator = c == '_' || c == '-' || c == '.' || c == ' ' || c == '[' || c == ']' || c == '{' || c == '}';
            boolean camelBoundary = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
            if (separator || camelBoundary) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                if (separator) {
                    continue;
                }
            }
            current.append(Character.toLowerCase(c));
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    private static boolean isSubsequence(String shorter, String longer) {
        int j = 0;
        for (int i = 0; i < longer.length() && j < shorter.length(); i++) {
            if (longer.charAt(i) == shorter.charAt(j)) {
                j++;
            }
        }
        return j == shorter.length();
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
