package dev.sluice.lake.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.parquet.ParquetCodecFactory;
import org.apache.parquet.compression.CompressionCodecFactory;

import static java.util.Objects.requireNonNull;

/**
 * The page compressor of {@link ColumnarSettings#codec()}, configured as Iceberg configures its own
 * (the level keys it sets for zstd and gzip). One per writing thread: a compressor keeps buffers and
 * is not thread-safe. {@link #close()} releases the codecs' native resources.
 */
public final class ColumnarCompression implements AutoCloseable {

    private final ParquetCodecFactory factory;
    private final CompressionCodecFactory.BytesInputCompressor compressor;

    public ColumnarCompression(ColumnarSettings settings) {
        requireNonNull(settings, "settings is null");
        Configuration conf = new Configuration(false);
        String level = settings.compressionLevel();
        if (level != null) {
            switch (settings.codec()) {
                case ZSTD -> {
                    conf.set("io.compression.codec.zstd.level", level);
                    conf.set("parquet.compression.codec.zstd.level", level);
                }
                case GZIP -> conf.set("zlib.compress.level", level);
                default -> {
                    // ColumnarSettings.unsupported refuses a level for the other codecs
                }
            }
        }
        this.factory = new ParquetCodecFactory(conf, settings.pageSizeBytes());
        this.compressor = factory.getCompressor(settings.codec());
    }

    public CompressionCodecFactory.BytesInputCompressor compressor() {
        return compressor;
    }

    @Override
    public void close() {
        factory.release();
    }
}
