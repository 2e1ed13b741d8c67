package dev.sluice.lake.parquet;

import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes one Parquet data file of an Iceberg schema, row by row from a {@link ColumnarRow}, each
 * column encoded by a leaf writer of its type ({@link Leaf}) instead of parquet-java's generic
 * per-value machinery. The file is what Iceberg's own Parquet writer makes of the same rows and
 * table properties, as far as readers can tell: the schema with Iceberg's field ids
 * ({@link ParquetSchemaUtil#convert}), the {@code iceberg.schema} footer entry, pages v1 with
 * PLAIN or PLAIN_DICTIONARY values and RLE levels, statistics, the page index and page checksums
 * (through parquet-java's {@link ColumnChunkPageWriteStore} and {@link ParquetFileWriter}), and
 * Iceberg {@link Metrics} from the footer plus NaN counts of the float and double columns.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Construct it (this creates the file and writes the magic bytes).</li>
 *   <li>{@link #write} rows; a row group is flushed when its buffered pages reach the row group size.</li>
 *   <li>{@link #close()}: the last row group and the footer. Then {@link #metrics}, {@link #splitOffsets()}
 *       and {@link #length()} describe the file.</li>
 * </ol>
 * A {@link #write} that throws (a required column without a value, a value of the wrong type) leaves
 * the file unusable: delete it. Not thread-safe.
 */
public final class ColumnarFileWriter implements Closeable {

    private static final int COLUMN_INDEX_TRUNCATE_LENGTH = ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH;

    private final OutputFile file;
    private final Schema schema;
    private final MessageType parquetSchema;
    private final ColumnarSettings settings;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final ParquetFileWriter writer;
    private final Node[] top;
    private final Leaf[] leaves;
    private final ByteSink body = new ByteSink(64 * 1024);
    private ColumnChunkPageWriteStore pageStore;
    private long rowGroupRows;
    private long rows;
    private boolean closed;
    private ParquetMetadata footer;

    /**
     * @param compressor the page compressor, of {@code settings.codec()}; the caller owns it and may
     *                   share it with other files written by the same thread
     */
    public ColumnarFileWriter(OutputFile file, Schema schema, ColumnarSettings settings,
                              CompressionCodecFactory.BytesInputCompressor compressor) {
        this.file = requireNonNull(file, "file is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.compressor = requireNonNull(compressor, "compressor is null");
        unsupportedType(schema).ifPresent(why -> {
            throw new IllegalArgumentException("The columnar writer cannot write this schema: " + why);
        });
        this.parquetSchema = ParquetSchemaUtil.convert(schema, "table");
        List<Leaf> all = new ArrayList<>();
        List<Types.NestedField> columns = schema.columns();
        this.top = new Node[columns.size()];
        for (int i = 0; i < top.length; i++) {
            top[i] = node(columns.get(i), parquetSchema.getType(i), new String[0], all);
        }
        this.leaves = all.toArray(new Leaf[0]);
        try {
            this.writer = new ParquetFileWriter(parquetFile(file), parquetSchema, ParquetFileWriter.Mode.OVERWRITE,
                    settings.rowGroupSizeBytes(), 0, COLUMN_INDEX_TRUNCATE_LENGTH,
                    ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
                    ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
            writer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Parquet file " + file.location(), e);
        }
    }

    /** Why this writer cannot write {@code schema}, or empty when it can. */
    public static Optional<String> unsupportedType(Schema schema) {
        for (Types.NestedField f : schema.columns()) {
            Optional<String> why = unsupportedType(f.name(), f.type());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unsupportedType(String path, Type type) {
        return switch (type.typeId()) {
            case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, DATE, TIME, TIMESTAMP, STRING, BINARY -> Optional.empty();
            case STRUCT, LIST, MAP -> {
                for (Types.NestedField f : type.asNestedType().fields()) {
                    Optional<String> why = unsupportedType(path + "." + f.name(), f.type());
                    if (why.isPresent()) {
                        yield why;
                    }
                }
                yield Optional.empty();
            }
            default -> Optional.of("column " + path + " is of type " + type);
        };
    }

    private Node node(Types.NestedField field, org.apache.parquet.schema.Type parquet, String[] parent, List<Leaf> all) {
        String[] path = append(parent, parquet.getName());
        boolean optional = parquet.isRepetition(org.apache.parquet.schema.Type.Repetition.OPTIONAL);
        String name = String.join(".", path);
        Type type = field.type();
        switch (type.typeId()) {
            case STRUCT -> {
                GroupType group = parquet.asGroupType();
                List<Node> children = new ArrayList<>();
                List<Types.NestedField> fields = type.asStructType().fields();
                for (int i = 0; i < fields.size(); i++) {
                    children.add(node(fields.get(i), group.getType(i), path, all));
                }
                return new StructNode(optional, name, children);
            }
            case LIST -> {
                GroupType repeated = parquet.asGroupType().getType(0).asGroupType();
                String[] inner = append(path, repeated.getName());
                Node element = node(type.asListType().fields().getFirst(), repeated.getType(0), inner, all);
                return new ListNode(optional, name, parquetSchema.getMaxRepetitionLevel(inner), element);
            }
            case MAP -> {
                GroupType repeated = parquet.asGroupType().getType(0).asGroupType();
                String[] inner = append(path, repeated.getName());
                List<Types.NestedField> kv = type.asMapType().fields();
                Node key = node(kv.get(0), repeated.getType(0), inner, all);
                Node value = node(kv.get(1), repeated.getType(1), inner, all);
                return new MapNode(optional, name, parquetSchema.getMaxRepetitionLevel(inner), key, value);
            }
            default -> {
                ColumnDescriptor d = parquetSchema.getColumnDescription(path);
                ColumnarSettings.Column column = settings.column(name);
                Leaf leaf = switch (d.getPrimitiveType().getPrimitiveTypeName()) {
                    case BOOLEAN -> new BooleanLeaf(d, optional, column, body);
                    case INT32 -> new IntegralLeaf(d, optional, column, body, true);
                    case INT64 -> new IntegralLeaf(d, optional, column, body, false);
                    case FLOAT -> new FloatLeaf(d, optional, column, body, field.fieldId());
                    case DOUBLE -> new DoubleLeaf(d, optional, column, body, field.fieldId());
                    case BINARY -> new BinaryLeaf(d, optional, column, body);
                    default -> throw new IllegalArgumentException("Column " + name + " is stored as "
                            + d.getPrimitiveType() + ", which the columnar writer does not write");
                };
                all.add(leaf);
                return leaf;
            }
        }
    }

    private static String[] append(String[] path, String name) {
        String[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = name;
        return out;
    }

    /** Writes one row: every top-level column of {@code row}, by position in the schema. */
    public void write(ColumnarRow row) {
        if (closed) {
            throw new IllegalStateException("The Parquet file " + file.location() + " is closed");
        }
        if (pageStore == null) {
            startRowGroup();
        }
        Node[] nodes = top;
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].writeTop(row, i);
        }
        for (Leaf leaf : leaves) {
            leaf.endRow();
        }
        rows++;
        rowGroupRows++;
        if ((rowGroupRows & 255) == 0 && bufferedBytes() >= settings.rowGroupSizeBytes()) {
            flushRowGroup();
        }
    }

    public long rows() {
        return rows;
    }

    /** Bytes in the file so far plus the encoded bytes buffered for it (exact once closed). */
    public long length() {
        try {
            return writer.getPos() + (closed ? 0 : bufferedBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the position of " + file.location(), e);
        }
    }

    private long bufferedBytes() {
        long sum = 0;
        for (Leaf leaf : leaves) {
            sum += leaf.bufferedBytes() + (leaf.pages() == null ? 0 : leaf.pages().getMemSize());
        }
        return sum;
    }

    private void startRowGroup() {
        pageStore = new ColumnChunkPageWriteStore(compressor, parquetSchema, HeapByteBufferAllocator.getInstance(),
                COLUMN_INDEX_TRUNCATE_LENGTH, ParquetProperties.DEFAULT_PAGE_WRITE_CHECKSUM_ENABLED);
        for (Leaf leaf : leaves) {
            leaf.bind(pageStore.getPageWriter(leaf.descriptor));
        }
    }

    private void flushRowGroup() {
        for (Leaf leaf : leaves) {
            leaf.finishChunk();
        }
        try {
            writer.startBlock(rowGroupRows);
            pageStore.flushToFileWriter(writer);
            writer.endBlock();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row group of " + file.location(), e);
        }
        pageStore.close();
        pageStore = null;
        rowGroupRows = 0;
    }

    /** Writes the last row group and the footer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rowGroupRows > 0) {
            flushRowGroup();
        }
        try {
            writer.end(Map.of("iceberg.schema", SchemaParser.toJson(schema)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the footer of " + file.location(), e);
        }
        footer = writer.getFooter();
    }

    /** The file's Iceberg metrics, once closed. */
    public Metrics metrics(MetricsConfig metricsConfig) {
        List<FieldMetrics<?>> fieldMetrics = new ArrayList<>();
        for (Leaf leaf : leaves) {
            if (leaf instanceof DoubleLeaf d) {
                fieldMetrics.add(d.fieldMetrics());
            } else if (leaf instanceof FloatLeaf f) {
                fieldMetrics.add(f.fieldMetrics());
            }
        }
        return ParquetUtil.footerMetrics(footer(), fieldMetrics.stream(), metricsConfig);
    }

    /** The row groups' start offsets, once closed. */
    public List<Long> splitOffsets() {
        return ParquetUtil.getSplitOffsets(footer());
    }

    public String location() {
        return file.location();
    }

    private ParquetMetadata footer() {
        if (footer == null) {
            throw new IllegalStateException("The Parquet file " + file.location() + " is not closed yet");
        }
        return footer;
    }

    /** Parquet's view of an Iceberg output file. */
    private static org.apache.parquet.io.OutputFile parquetFile(OutputFile file) {
        return new org.apache.parquet.io.OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) {
                return stream(file.create());
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) {
                return stream(file.createOrOverwrite());
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return file.location();
            }
        };
    }

    private static PositionOutputStream stream(org.apache.iceberg.io.PositionOutputStream out) {
        return new PositionOutputStream() {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
