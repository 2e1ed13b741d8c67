package dev.sluice.lake.parquet;

import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What {@link ColumnarFileWriter} takes from a table's properties: the same keys, with the same
 * defaults, as Iceberg's own Parquet writer ({@code write.parquet.*}). {@link #unsupported(Map)}
 * names the settings it does not implement (bloom filters, a compression level for a codec other
 * than zstd and gzip), so that such a table is written by Iceberg's writer instead.
 *
 * @param rowGroupSizeBytes a row group is flushed once its buffered pages reach this size
 * @param pageSizeBytes a page is written once its encoded values reach this size
 * @param pageRowLimit ... or once it holds this many rows
 * @param dictionaryMaxBytes a column's dictionary never grows beyond this size (the chunk goes plain)
 * @param codec the page compression codec
 * @param compressionLevel the codec's level, or null for its default
 * @param dictionary whether dictionary encoding is on, per column path ({@code a.b}), with {@code dictionaryDefault} for the rest
 * @param statistics whether min/max statistics are kept, per column path, with {@code true} for the rest
 */
public record ColumnarSettings(long rowGroupSizeBytes, int pageSizeBytes, int pageRowLimit, int dictionaryMaxBytes,
                               CompressionCodecName codec, String compressionLevel, boolean dictionaryDefault,
                               Map<String, Boolean> dictionary, Map<String, Boolean> statistics) {

    static final String DICTIONARY_ENABLED = "parquet.enable.dictionary";
    static final String COLUMN_DICTIONARY_PREFIX = "write.parquet.dict-encoding-enabled.column.";
    static final String COLUMN_STATISTICS_PREFIX = "write.parquet.stats-enabled.column.";
    private static final Set<CompressionCodecName> CODECS = Set.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);

    public ColumnarSettings {
        requireNonNull(codec, "codec is null");
        dictionary = Map.copyOf(dictionary);
        statistics = Map.copyOf(statistics);
        if (rowGroupSizeBytes <= 0 || pageSizeBytes <= 0 || pageRowLimit <= 0 || dictionaryMaxBytes <= 0) {
            throw new IllegalArgumentException("Parquet sizes must be positive: row group " + rowGroupSizeBytes
                    + ", page " + pageSizeBytes + ", page rows " + pageRowLimit + ", dictionary " + dictionaryMaxBytes);
        }
    }

    /** The settings of a table with these properties (Iceberg's defaults for what is not set). */
    public static ColumnarSettings of(Map<String, String> properties) {
        java.util.HashMap<String, Boolean> dictionary = new java.util.HashMap<>();
        java.util.HashMap<String, Boolean> statistics = new java.util.HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(COLUMN_DICTIONARY_PREFIX)) {
                dictionary.put(key.substring(COLUMN_DICTIONARY_PREFIX.length()), Boolean.parseBoolean(value));
            } else if (key.startsWith(COLUMN_STATISTICS_PREFIX)) {
                statistics.put(key.substring(COLUMN_STATISTICS_PREFIX.length()), Boolean.parseBoolean(value));
            }
        });
        String codec = properties.getOrDefault(TableProperties.PARQUET_COMPRESSION, TableProperties.PARQUET_COMPRESSION_DEFAULT);
        return new ColumnarSettings(
                PropertyUtil.propertyAsLong(properties, TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES,
                        TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT),
                PropertyUtil.propertyAsInt(properties, TableProperties.PARQUET_PAGE_SIZE_BYTES,
                        TableProperties.PARQUET_PAGE_SIZE_BYTES_DEFAULT),
                PropertyUtil.propertyAsInt(properties, TableProperties.PARQUET_PAGE_ROW_LIMIT,
                        TableProperties.PARQUET_PAGE_ROW_LIMIT_DEFAULT),
                PropertyUtil.propertyAsInt(properties, TableProperties.PARQUET_DICT_SIZE_BYTES,
                        TableProperties.PARQUET_DICT_SIZE_BYTES_DEFAULT),
                CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT)),
                properties.getOrDefault(TableProperties.PARQUET_COMPRESSION_LEVEL,
                        TableProperties.PARQUET_COMPRESSION_LEVEL_DEFAULT),
                PropertyUtil.propertyAsBoolean(properties, DICTIONARY_ENABLED, true),
                dictionary, statistics);
    }

    /**
     * Why a table with these properties is not for this writer, or empty when it is. The writer
     * implements pages v1, dictionaries, statistics, the page index and the codecs above; not bloom
     * filters, nor a compression level other than zstd's and gzip's.
     */
    public static Optional<String> unsupported(Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith(TableProperties.PARQUET_BLOOM_FILTER_COLUMN_ENABLED_PREFIX)
                    && Boolean.parseBoolean(e.getValue())) {
                return Optional.of("a bloom filter is enabled (" + e.getKey() + ")");
            }
        }
        String codecName = properties.getOrDefault(TableProperties.PARQUET_COMPRESSION, TableProperties.PARQUET_COMPRESSION_DEFAULT);
        CompressionCodecName codec;
        try {
            codec = CompressionCodecName.valueOf(codecName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.of("the compression codec " + codecName + " is unknown");
        }
        if (!CODECS.contains(codec)) {
            return Optional.of("the compression codec " + codec + " is not one of " + CODECS);
        }
        String level = properties.get(TableProperties.PARQUET_COMPRESSION_LEVEL);
        if (level != null && codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.GZIP) {
            return Optional.of("a compression level is set for " + codec);
        }
        return Optional.empty();
    }

    /** The settings of the leaf column at {@code path}. */
    Column column(String path) {
        return new Column(pageSizeBytes, pageRowLimit, dictionaryMaxBytes, dictionary.getOrDefault(path, dictionaryDefault),
                statistics.getOrDefault(path, true));
    }

    /** One leaf's settings. */
    record Column(int pageSizeBytes, int pageRowLimit, int dictionaryMaxBytes, boolean dictionary, boolean statistics) {
        Column withoutDictionary() {
            return new Column(pageSizeBytes, pageRowLimit, dictionaryMaxBytes, false, statistics);
        }
    }
}
