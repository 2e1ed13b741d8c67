package dev.sluice.lake.parquet;

import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

/** A schema with every type the columnar writer supports, and random rows of it, for the writer's tests. */
public final class ColumnarFixtures {

    private ColumnarFixtures() {
    }

    public static final Schema SCHEMA = new Schema(
            required(1, "id", Types.LongType.get()),
            optional(2, "name", Types.StringType.get()),
            required(3, "kind", Types.StringType.get()),
            optional(4, "flag", Types.BooleanType.get()),
            optional(5, "count", Types.IntegerType.get()),
            optional(6, "score", Types.DoubleType.get()),
            optional(7, "ratio", Types.FloatType.get()),
            optional(8, "day", Types.DateType.get()),
            required(9, "ts", Types.TimestampType.withZone()),
            optional(10, "blob", Types.BinaryType.get()),
            optional(11, "tags", Types.ListType.ofOptional(20, Types.StringType.get())),
            optional(12, "attrs", Types.MapType.ofOptional(21, 22, Types.StringType.get(), Types.LongType.get())),
            required(13, "meta", Types.MapType.ofRequired(23, 24, Types.StringType.get(), Types.StringType.get())),
            optional(14, "point", Types.StructType.of(
                    optional(25, "x", Types.DoubleType.get()),
                    optional(26, "y", Types.DoubleType.get()),
                    optional(27, "label", Types.StringType.get()))),
            optional(15, "items", Types.ListType.ofOptional(28, Types.StructType.of(
                    optional(29, "a", Types.IntegerType.get()),
                    optional(30, "b", Types.StringType.get())))),
            optional(16, "t", Types.TimeType.get()),
            required(17, "uniq", Types.StringType.get()),
            optional(18, "nested", Types.ListType.ofOptional(31,
                    Types.ListType.ofRequired(32, Types.LongType.get()))));

    private static final String[] KINDS = {"start", "stop", "pause", "resume", "complete"};
    private static final String[] WORDS = {"", "a", "Zürich", "東京", "emoji \uD83D\uDE00", "tab\tand\"quote",
            "lone \uD83D surrogate", "x".repeat(300)};

    /** Rows of internal values (micros, days, CharSequence, ByteBuffer, List, Map, GenericRecord). */
    public static List<Record> rows(Random random, int n) {
        List<Record> rows = new ArrayList<>(n);
        Types.StructType point = SCHEMA.findField("point").type().asStructType();
        Types.StructType item = SCHEMA.findField("items").type().asListType().elementType().asStructType();
        for (int i = 0; i < n; i++) {
            GenericRecord r = GenericRecord.create(SCHEMA);
            r.set(0, (long) i * (random.nextBoolean() ? 1 : -1));
            r.set(1, random.nextInt(10) == 0 ? null : WORDS[random.nextInt(WORDS.length)] + random.nextInt(50));
            r.set(2, KINDS[random.nextInt(KINDS.length)]);
            r.set(3, random.nextInt(5) == 0 ? null : random.nextBoolean());
            r.set(4, random.nextInt(5) == 0 ? null : random.nextInt(20) - 10);
            r.set(5, switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> Double.NaN;
                default -> random.nextInt(1000) / 8.0 - 50;
            });
            r.set(6, random.nextInt(6) == 0 ? null : random.nextInt(2000) / 4.0f);
            r.set(7, random.nextInt(4) == 0 ? null : 19_000 + random.nextInt(30));
            r.set(8, 1_700_000_000_000_000L + random.nextInt(1_000_000) * 1_000L);
            r.set(9, random.nextInt(3) == 0 ? null : ByteBuffer.wrap(new byte[]{(byte) random.nextInt(256), (byte) i}));
            r.set(10, switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> List.of();
                default -> {
                    List<String> tags = new ArrayList<>();
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        tags.add(random.nextInt(6) == 0 ? null : "tag" + random.nextInt(40));
                    }
                    yield tags;
                }
            });
            r.set(11, switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> Map.of();
                default -> {
                    Map<String, Long> attrs = new LinkedHashMap<>();
                    for (int k = random.nextInt(3); k >= 0; k--) {
                        attrs.put("k" + random.nextInt(1000), random.nextInt(4) == 0 ? null : (long) random.nextInt(100));
                    }
                    yield attrs;
                }
            });
            Map<String, String> meta = new LinkedHashMap<>();
            if (random.nextInt(7) != 0) {
                meta.put("env", random.nextBoolean() ? "prod" : "dev");
                meta.put("host", "host-" + random.nextInt(3));
            }
            r.set(12, meta);
            if (random.nextInt(4) != 0) {
                GenericRecord p = GenericRecord.create(point);
                p.set(0, random.nextInt(3) == 0 ? null : random.nextDouble());
                p.set(1, random.nextDouble());
                p.set(2, random.nextInt(2) == 0 ? null : "p" + random.nextInt(5));
                r.set(13, p);
            }
            if (random.nextInt(3) != 0) {
                List<Record> items = new ArrayList<>();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    if (random.nextInt(8) == 0) {
                        items.add(null);
                        continue;
                    }
                    GenericRecord it = GenericRecord.create(item);
                    it.set(0, random.nextInt(3) == 0 ? null : random.nextInt(100));
                    it.set(1, random.nextInt(3) == 0 ? null : "b" + random.nextInt(100));
                    items.add(it);
                }
                r.set(14, items);
            }
            r.set(15, random.nextInt(3) == 0 ? null : random.nextInt(86_400) * 1_000_000L);
            r.set(16, "u-" + i);
            if (random.nextInt(3) != 0) {
                List<List<Long>> nested = new ArrayList<>();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    List<Long> inner = new ArrayList<>();
                    for (int m = random.nextInt(3); m > 0; m--) {
                        inner.add((long) random.nextInt(10));
                    }
                    nested.add(random.nextInt(6) == 0 ? null : inner);
                }
                r.set(17, nested);
            }
            rows.add(r);
        }
        return rows;
    }

}
