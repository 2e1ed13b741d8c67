package dev.sluice.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JVM options each service gets (ADR "JVM options of the services"). */
class ServiceJvmOptionsTest {

    @Test
    void theIngestionServiceGetsTheFullJitAndTheRegistryC1Only() {
        assumeTrue(System.getenv("SLUICE_COLLECTOR_JVM_OPTIONS") == null && System.getenv("SLUICE_REGISTRY_JVM_OPTIONS") == null,
                "no override in the environment");

        assertThat(ServiceProcess.jvmOptions("collector")).containsExactly("-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmOptions("registry")).containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }
}
