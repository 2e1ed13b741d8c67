package dev.sluice.lake;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where Sluice's tables live, for components beside the writer that open their own catalog
 * (table maintenance): the catalog's name and properties, as {@code CatalogUtil.buildIcebergCatalog}
 * reads them, and the tables' namespace.
 *
 * @param catalogName the Iceberg catalog's name
 * @param catalogProperties the catalog's properties
 * @param namespace the namespace of Sluice's tables
 */
public record LakeCatalogSpec(String catalogName, Map<String, String> catalogProperties, String namespace) {

    public LakeCatalogSpec {
        requireNonNull(catalogName, "catalogName is null");
        catalogProperties = Map.copyOf(requireNonNull(catalogProperties, "catalogProperties is null"));
        requireNonNull(namespace, "namespace is null");
    }
}
