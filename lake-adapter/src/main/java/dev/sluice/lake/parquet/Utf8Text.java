package dev.sluice.lake.parquet;

/**
 * UTF-8 encoding of text straight into a {@link ByteSink}, without an intermediate array: ASCII
 * (the common case) one byte per char; an unpaired surrogate becomes {@code '?'}, as
 * {@link String#getBytes(java.nio.charset.Charset)} has it.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    static void encode(CharSequence s, ByteSink out) {
        int n = s.length();
        out.reserve(n * 3); // a char takes at most 3 bytes; a surrogate pair (2 chars) takes 4
        byte[] a = out.array();
        int p = out.size();
        int i = 0;
        if (s instanceof String str) {
            for (; i < n; i++) {
                char c = str.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                a[p++] = (byte) c;
            }
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                a[p++] = (byte) c;
            } else if (c < 0x800) {
                a[p++] = (byte) (0xC0 | (c >> 6));
                a[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char d = i + 1 < n ? s.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(d)) {
                    int cp = Character.toCodePoint(c, d);
                    a[p++] = (byte) (0xF0 | (cp >> 18));
                    a[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    a[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    a[p++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    a[p++] = '?';
                }
            } else {
                a[p++] = (byte) (0xE0 | (c >> 12));
                a[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                a[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out.setSize(p);
    }
}
