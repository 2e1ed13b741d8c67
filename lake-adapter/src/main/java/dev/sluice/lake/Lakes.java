package dev.sluice.lake;

import dev.sluice.domain.model.ingest.WriterEpoch;
import dev.sluice.domain.application.port.out.DeadLetterSink;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

import java.util.Map;

/** Builds the lake's adapters without Micronaut: for tools, benchmarks and tests. */
public final class Lakes {

    private Lakes() {
    }

    /** The lake on the catalog {@code catalogProperties} describe (as {@code CatalogUtil.buildIcebergCatalog} reads them). */
    public static ExactlyOnceLake open(String catalogName, Map<String, String> catalogProperties, SchemaCatalog schemas,
                                       LakeSettings settings, WriterEpoch defaultWriter) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(catalogName, catalogProperties, null);
        return new IcebergEventLake(catalog, schemas, settings, defaultWriter);
    }

    /** The dead-letter table of {@code lake}, which must come from {@link #open}. */
    public static DeadLetterSink deadLetterSink(ExactlyOnceLake lake, String writerId) {
        if (!(lake instanceof IcebergEventLake iceberg)) {
            throw new IllegalArgumentException("Not an Iceberg lake: " + lake.getClass().getName());
        }
        return new IcebergDeadLetterSink(iceberg, writerId);
    }
}
