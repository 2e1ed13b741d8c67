package dev.sluice.archfixture.framework.domain;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** Planted violation: a framework type (standing in for Micronaut/Kafka/Iceberg) used by the domain. */
public class FrameworkLeak {
    public Object importer() {
        return new ClassFileImporter();
    }
}
