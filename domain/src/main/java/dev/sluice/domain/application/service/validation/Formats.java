package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.schema.Format;

/**
 * Hand-written checkers for the named string formats. They allocate nothing and use no regular
 * expression: they run once per field per event on the ingestion hot path.
 */
final class Formats {

    private Formats() {
    }

    static boolean matches(Format format, String s) {
        return switch (format) {
            case UUID -> isUuid(s);
            case UUID_V4 -> isUuidV4(s);
            case DATE_TIME -> isDateTime(s);
            case DATE -> isDate(s);
            case IPV4 -> isIpv4(s, 0, s.length());
            case IPV6 -> isIpv6(s);
            case EMAIL -> isEmail(s);
            case HEX64 -> isHex(s, 64);
            case SEMVER -> isSemver(s);
        };
    }

    /** {@code 8-4-4-4-12} hex digits, either case (RFC 9562 text form). */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** A UUID whose version nibble is 4 and whose variant is RFC 4122 (8, 9, a or b). */
    static boolean isUuidV4(String s) {
        if (!isUuid(s) || s.charAt(14) != '4') {
            return false;
        }
        char variant = s.charAt(19);
        return variant == '8' || variant == '9' || variant == 'a' || variant == 'b' || variant == 'A' || variant == 'B';
    }

    static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-dd} with a real day of that month (leap years included). */
    static boolean isDate(String s) {
        return s.length() == 10 && isDateAt(s, 0);
    }

    private static boolean isDateAt(String s, int at) {
        if (s.charAt(at + 4) != '-' || s.charAt(at + 7) != '-') {
            return false;
        }
        int year = digits(s, at, 4);
        int month = digits(s, at + 5, 2);
        int day = digits(s, at + 8, 2);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    /**
     * RFC 3339 date-time: {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, and
     * {@code Z} or an offset {@code ±HH:MM}. {@code t} and {@code z} are accepted as RFC 3339 allows.
     */
    static boolean isDateTime(String s) {
        int n = s.length();
        if (n < 20 || !isDateAt(s, 0)) {
            return false;
        }
        char t = s.charAt(10);
        if ((t != 'T' && t != 't') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int fraction = i - start;
            if (fraction < 1 || fraction > 9) {
                return false;
            }
        }
        if (i >= n) {
            return false;
        }
        char zone = s.charAt(i);
        if (zone == 'Z' || zone == 'z') {
            return i + 1 == n;
        }
        if ((zone != '+' && zone != '-') || n - i != 6 || s.charAt(i + 3) != ':') {
            return false;
        }
        int offsetHours = digits(s, i + 1, 2);
        int offsetMinutes = digits(s, i + 4, 2);
        return offsetHours >= 0 && offsetHours <= 18 && offsetMinutes >= 0 && offsetMinutes <= 59;
    }

    /** Dotted quad, each part 0 to 255 in decimal without leading zeros. */
    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
            if (i == to) {
                return false; // trailing dot
            }
        }
        return parts == 4;
    }

    /** RFC 4291 text form: eight groups of 1 to 4 hex digits, one {@code ::}, an optional trailing IPv4. */
    static boolean isIpv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return false;
            }
            compressed = true;
            i = 2;
            if (i == n) {
                return true; // "::"
            }
        }
        while (i < n) {
            int start = i;
            while (i < n && isHexDigit(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // an embedded IPv4 address counts as two groups and must end the address
                if (!isIpv4(s, start, n)) {
                    return false;
                }
                groups += 2;
                i = n;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4) {
                return false;
            }
            groups++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (compressed) {
                    return false; // a second "::"
                }
                compressed = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return false; // a single trailing ':'
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /**
     * A pragmatic address check, not full RFC 5321: one {@code @}; a local part of 1 to 64
     * printable characters without spaces; a domain of at least two dot-separated labels of letters,
     * digits and inner hyphens, up to 255 characters.
     */
    static boolean isEmail(String s) {
        int at = s.indexOf('@');
        int n = s.length();
        if (at < 1 || at > 64 || at != s.lastIndexOf('@') || n - at - 1 > 255) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '<'
                    || c == '>' || c == '[' || c == ']' || c == '\\' || c == '"') {
                return false;
            }
        }
        if (s.charAt(0) == '.' || s.charAt(at - 1) == '.') {
            return false;
        }
        int labels = 0;
        int i = at + 1;
        while (true) {
            int start = i;
            while (i < n && (isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 63 || s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
                return false;
            }
            labels++;
            if (i == n) {
                return labels >= 2;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
    }

    /** Semantic Versioning 2.0.0: {@code X.Y.Z}, numbers without leading zeros, optional pre-release and build. */
    static boolean isSemver(String s) {
        int n = s.length();
        int i = 0;
        for (int part = 0; part < 3; part++) {
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len == 0 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            if (part < 2) {
                if (i >= n || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        if (i < n && s.charAt(i) == '-') {
            i = identifiers(s, i + 1, true);
            if (i < 0) {
                return false;
            }
        }
        if (i < n && s.charAt(i) == '+') {
            i = identifiers(s, i + 1, false);
            if (i < 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Dot-separated identifiers of [0-9A-Za-z-]; returns the index after them, or -1 when malformed. */
    private static int identifiers(String s, int i, boolean noLeadingZeroNumbers) {
        int n = s.length();
        while (true) {
            int start = i;
            boolean numeric = true;
            while (i < n && (isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                numeric &= isDigit(s.charAt(i));
                i++;
            }
            int len = i - start;
            if (len == 0 || (noLeadingZeroNumbers && numeric && len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                continue;
            }
            return i;
        }
    }

    private static int digits(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
