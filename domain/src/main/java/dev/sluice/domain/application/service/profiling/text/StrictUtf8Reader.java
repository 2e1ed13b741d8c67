package dev.sluice.domain.application.service.profiling.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * Decodes UTF-8 and refuses malformed input, like an {@link java.io.InputStreamReader} with a
 * REPORT decoder, but hands out every character decoded before the bad bytes first, so that the
 * documents before them are not lost with the buffer.
 */
final class StrictUtf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private CoderResult pendingError;
    private boolean endOfBytes;
    private boolean flushed;

    StrictUtf8Reader(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            if (pendingError != null) {
                pendingError.throwException();
            }
            CoderResult result = decoder.decode(bytes, out, endOfBytes);
            if (result.isError()) {
                pendingError = result;
            } else if (result.isUnderflow() && !endOfBytes) {
                if (out.position() > offset) {
                    return out.position() - offset;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfBytes = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                continue;
            } else if (result.isUnderflow() && !flushed) {
                CoderResult flush = decoder.flush(out);
                if (flush.isOverflow()) {
                    return out.position() - offset;
                }
                flushed = true;
            }
            if (out.position() > offset) {
                return out.position() - offset;
            }
            if (pendingError == null && flushed) {
                return -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
