package dev.sluice.lake.parquet;

import org.apache.iceberg.Files;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The columnar writer against Iceberg's own Parquet writer (the {@code InternalWriter} the lake
 * used before): the same random rows, through both, read back by Iceberg's generic Parquet reader,
 * give the same rows, and the two files give the same Iceberg metrics (counts, NaN counts, bounds).
 * The rows cover every supported type, nulls at every depth, empty lists and maps, non-ASCII text
 * and surrogate pairs, negative zero and NaN; the settings force many pages, several row groups and
 * dictionaries that overflow.
 */
class ColumnarFileWriterTest {

    private static final Schema SCHEMA = ColumnarFixtures.SCHEMA;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "ZSTD", "SNAPPY", "GZIP"})
    void manySmallPagesAndRowGroupsReadBackAsIcebergsOwnWriterWritesThem(CompressionCodecName codec) throws IOException {
        Map<String, String> properties = Map.of(
                "write.parquet.compression-codec", codec.name().toLowerCase(),
                "write.parquet.page-size-bytes", "2048",
                "write.parquet.page-row-limit", "150",
                "write.parquet.dict-size-bytes", "1024",
                "write.parquet.row-group-size-bytes", "65536");
        List<Record> rows = ColumnarFixtures.rows(new Random(codec.ordinal()), 6_000);

        File columnar = writeColumnar(rows, properties, "columnar.parquet");
        Metrics expectedMetrics;
        File reference = dir.resolve("iceberg.parquet").toFile();
        try (FileAppender<Record> appender = Parquet.write(Files.localOutput(reference)).schema(SCHEMA)
                .setAll(properties).createWriterFunc(m -> InternalWriter.create(SCHEMA.asStruct(), m)).overwrite().build()) {
            rows.forEach(appender::add);
            appender.close();
            expectedMetrics = appender.metrics();
        }

        assertThat(read(columnar)).as("rows read back").containsExactlyElementsOf(read(reference));
        Metrics actual = lastMetrics;
        assertThat(actual.recordCount()).isEqualTo(6_000L);
        assertThat(actual.valueCounts()).isEqualTo(expectedMetrics.valueCounts());
        assertThat(actual.nullValueCounts()).isEqualTo(expectedMetrics.nullValueCounts());
        assertThat(actual.nanValueCounts()).isEqualTo(expectedMetrics.nanValueCounts());
        assertThat(actual.lowerBounds()).isEqualTo(expectedMetrics.lowerBounds());
        assertThat(actual.upperBounds()).isEqualTo(expectedMetrics.upperBounds());

        List<BlockMetaData> groups = footer(columnar);
        assertThat(groups).as("row groups").hasSizeGreaterThan(1);
        assertThat(chunk(groups.getFirst(), "kind").getEncodings()).as("a low-cardinality column uses its dictionary")
                .contains(Encoding.PLAIN_DICTIONARY);
        assertThat(chunk(groups.getFirst(), "uniq").getEncodings()).as("a unique column falls back to plain")
                .doesNotContain(Encoding.PLAIN_DICTIONARY);
        assertThat(chunk(groups.getFirst(), "kind").getCodec()).isEqualTo(codec);
    }

    @Test
    void defaultSettingsWriteOneRowGroupThatReadsBack() throws IOException {
        List<Record> rows = ColumnarFixtures.rows(new Random(7), 2_000);
        File columnar = writeColumnar(rows, Map.of(), "defaults.parquet");
        List<Record> back = read(columnar);
        assertThat(back).hasSize(2_000);
        assertThat(back.get(1_234).getField("uniq")).isEqualTo("u-1234");
        assertThat(footer(columnar)).hasSize(1);
        assertThat(lastMetrics.recordCount()).isEqualTo(2_000L);
    }

    @Test
    void textCanArriveAsUtf8BytesAndReadsBackAsTheSameString() throws IOException {
        Schema schema = new Schema(required(1, "s", Types.StringType.get()), optional(2, "b", Types.BinaryType.get()));
        File f = dir.resolve("bytes.parquet").toFile();
        ColumnarSettings settings = ColumnarSettings.of(Map.of());
        byte[] buffer = new byte[64];
        try (ColumnarCompression compression = new ColumnarCompression(settings);
             ColumnarFileWriter w = new ColumnarFileWriter(Files.localOutput(f), schema, settings, compression.compressor())) {
            ColumnarRow row = new ColumnarRow(2);
            for (int i = 0; i < 100; i++) {
                byte[] text = ("événement " + i).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(text, 0, buffer, 3, text.length); // the same array, reused row after row
                row.clear();
                row.setBytes(0, buffer, 3, text.length);
                row.setObject(1, ByteBuffer.wrap(new byte[]{(byte) i, (byte) 0xFF}));
                w.write(row);
            }
        }
        List<Record> back = read(f, schema);
        assertThat(back).hasSize(100);
        assertThat(back.get(42).getField("s")).isEqualTo("événement 42");
        assertThat(back.get(42).getField("b")).isEqualTo(ByteBuffer.wrap(new byte[]{42, (byte) 0xFF}));
    }

    @Test
    void aRequiredColumnWithoutValueIsRefusedByName() {
        File f = dir.resolve("refused.parquet").toFile();
        ColumnarSettings settings = ColumnarSettings.of(Map.of());
        try (ColumnarCompression compression = new ColumnarCompression(settings)) {
            ColumnarFileWriter w = new ColumnarFileWriter(Files.localOutput(f), SCHEMA, settings, compression.compressor());
            ColumnarRow row = new ColumnarRow(SCHEMA.columns().size());
            row.clear();
            assertThatThrownBy(() -> w.write(row)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column id is required");
            row.setString(0, "not a long");
            assertThatThrownBy(() -> w.write(row)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column id holds INT64, not text");
        }
    }

    @Test
    void saysWhatItCannotWrite() {
        assertThat(ColumnarFileWriter.unsupportedType(new Schema(optional(1, "d", Types.DecimalType.of(10, 2)))))
                .hasValueSatisfying(why -> assertThat(why).contains("column d is of type decimal(10, 2)"));
        assertThat(ColumnarFileWriter.unsupportedType(new Schema(optional(1, "s", Types.StructType.of(
                optional(2, "u", Types.UUIDType.get())))))).hasValueSatisfying(why -> assertThat(why).contains("s.u"));
        assertThat(ColumnarFileWriter.unsupportedType(SCHEMA)).isEmpty();
        assertThat(ColumnarSettings.unsupported(Map.of("write.parquet.bloom-filter-enabled.column.id", "true")))
                .hasValueSatisfying(why -> assertThat(why).contains("bloom filter"));
        assertThat(ColumnarSettings.unsupported(Map.of("write.parquet.compression-codec", "brotli"))).isPresent();
        assertThat(ColumnarSettings.unsupported(Map.of("write.parquet.compression-codec", "snappy",
                "write.parquet.compression-level", "3"))).isPresent();
        assertThat(ColumnarSettings.unsupported(Map.of("write.parquet.compression-codec", "zstd",
                "write.parquet.compression-level", "9"))).isEmpty();
    }

    private Metrics lastMetrics;

    private File writeColumnar(List<Record> rows, Map<String, String> properties, String name) {
        File f = dir.resolve(name).toFile();
        ColumnarSettings settings = ColumnarSettings.of(properties);
        ColumnarRow row = new ColumnarRow(SCHEMA.columns().size());
        try (ColumnarCompression compression = new ColumnarCompression(settings)) {
            ColumnarFileWriter w = new ColumnarFileWriter(Files.localOutput(f), SCHEMA, settings, compression.compressor());
            for (Record r : rows) {
                row.clear();
                for (int i = 0; i < r.size(); i++) {
                    row.setObject(i, r.get(i));
                }
                w.write(row);
            }
            w.close();
            lastMetrics = w.metrics(MetricsConfig.fromProperties(properties));
            assertThat(w.length()).isEqualTo(f.length());
            assertThat(w.splitOffsets()).isNotEmpty();
        }
        return f;
    }

    private static List<Record> read(File f) throws IOException {
        return read(f, SCHEMA);
    }

    private static List<Record> read(File f, Schema schema) throws IOException {
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> it = Parquet.read(Files.localInput(f)).project(schema)
                .createReaderFunc(fs -> GenericParquetReaders.buildReader(schema, fs)).build()) {
            it.forEach(out::add);
        }
        return out;
    }

    private static List<BlockMetaData> footer(File f) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f.toPath()))) {
            return reader.getFooter().getBlocks();
        }
    }

    private static ColumnChunkMetaData chunk(BlockMetaData group, String column) {
        return group.getColumns().stream().filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElseThrow();
    }

}
