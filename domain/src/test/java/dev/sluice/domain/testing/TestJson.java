package dev.sluice.domain.testing;

import dev.sluice.domain.model.ingest.RawBytes;
import dev.sluice.domain.model.payload.PayloadJson;
import dev.sluice.domain.model.payload.PayloadValue;


/** Writes payload values as compact JSON, for the original bytes of test items. */
public final class TestJson {

    private TestJson() {
    }

    public static String write(PayloadValue value) {
        return PayloadJson.write(value);
    }

    public static RawBytes bytes(PayloadValue value) {
        return RawBytes.utf8(write(value));
    }
}
