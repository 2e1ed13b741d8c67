package dev.sluice.lake;

import dev.sluice.domain.model.schema.Subject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LakeTablesTest {

    @Test
    void typedTableNameIsTheSubjectLowercasedWithUnderscores() {
        assertThat(LakeTables.typedTableName(Subject.of("acme", "video"))).isEqualTo("acme_video");
        assertThat(LakeTables.typedTableName(Subject.of("recsys", "impression"))).isEqualTo("recsys_impression");
        assertThat(LakeTables.typedTableName(Subject.of("Payment-Service", "error"))).isEqualTo("payment_service_error");
        assertThat(LakeTables.typedTableName(Subject.of("connector", "data.raw"))).isEqualTo("connector_data_raw");
        assertThat(LakeTables.typedTableName(Subject.ofSource("acme"))).isEqualTo("acme");
    }

    @Test
    void aSubjectNamedLikeASluiceTableGetsAPrefix() {
        assertThat(LakeTables.typedTableName(Subject.ofSource("events"))).isEqualTo("subject_events");
        assertThat(LakeTables.typedTableName(Subject.ofSource("dead_letters"))).isEqualTo("subject_dead_letters");
    }

    @Test
    void tablesLiveInTheConfiguredNamespace() {
        LakeTables tables = new LakeTables("telemetry");

        assertThat(tables.events().toString()).isEqualTo("telemetry.events");
        assertThat(tables.deadLetters().toString()).isEqualTo("telemetry.dead_letters");
        assertThat(tables.typed(Subject.of("acme", "video")).toString()).isEqualTo("telemetry.acme_video");
    }
}
