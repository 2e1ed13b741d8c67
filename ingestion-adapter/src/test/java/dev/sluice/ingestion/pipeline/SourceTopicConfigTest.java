package dev.sluice.ingestion.pipeline;

import dev.sluice.domain.model.envelope.SourceMapping;
import dev.sluice.domain.model.envelope.ValueRef;
import dev.sluice.domain.model.error.ConfigurationException;
import dev.sluice.domain.model.ingest.UnknownSubjectMode;
import dev.sluice.domain.testing.TelemetryEvents;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceTopicConfigTest {

    @Test
    void theShippedConfigurationMapsSeed002sAcmeTopicLikeTheDomainFixture() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            List<SourceTopicConfig> sources = List.copyOf(ctx.getBeansOfType(SourceTopicConfig.class));

            assertThat(sources).hasSize(1);
            assertThat(sources.getFirst().topicName()).isEqualTo("acme-telemetry");
            assertThat(sources.getFirst().toMapping()).isEqualTo(TelemetryEvents.ACME_MAPPING);
        }
    }

    @Test
    void defaultsAreEventIdAndEventTimestamp() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "sluice.ingestion.pipeline.sources.orders.source", "orders-service",
                "sluice.ingestion.pipeline.sources.orders.event-type", "order",
                "sluice.ingestion.pipeline.sources.orders.metadata-constants.host", "h",
                "sluice.ingestion.pipeline.sources.orders.metadata-constants.env", "prod",
                "sluice.ingestion.pipeline.sources.orders.metadata-constants.service", "orders"))) {
            SourceTopicConfig orders = ctx.getBean(SourceTopicConfig.class, io.micronaut.inject.qualifiers.Qualifiers.byName("orders"));

            assertThat(orders.eventIdField()).isEqualTo("event_id");
            assertThat(orders.eventTimeField()).isEqualTo("event_timestamp");
            assertThat(orders.unknownSubjects()).isNull();
            assertThat(orders.toMapping().eventType()).isEqualTo(ValueRef.constant("order"));
        }
    }

    @Test
    void anExplicitMappingBindsEveryField() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "sluice.ingestion.pipeline.sources.billing.topic", "billing.invoices.created",
                "sluice.ingestion.pipeline.sources.billing.source-field", "svc",
                "sluice.ingestion.pipeline.sources.billing.event-id-field", "id",
                "sluice.ingestion.pipeline.sources.billing.event-time-field", "at",
                "sluice.ingestion.pipeline.sources.billing.event-type-field", "kind",
                "sluice.ingestion.pipeline.sources.billing.metadata-fields.host", "origin.host",
                "sluice.ingestion.pipeline.sources.billing.metadata-constants.env", "staging",
                "sluice.ingestion.pipeline.sources.billing.metadata-constants.service", "billing",
                "sluice.ingestion.pipeline.sources.billing.unknown-subjects", "ENFORCE"))) {
            SourceTopicConfig billing = ctx.getBean(SourceTopicConfig.class, io.micronaut.inject.qualifiers.Qualifiers.byName("billing"));
            SourceMapping m = billing.toMapping();

            assertThat(billing.topicName()).isEqualTo("billing.invoices.created");
            assertThat(billing.unknownSubjects()).isEqualTo(UnknownSubjectMode.ENFORCE);
            assertThat(m.source()).isEqualTo(ValueRef.field("svc"));
            assertThat(m.eventId()).isEqualTo(new ValueRef.FromField("id"));
            assertThat(m.eventTime()).isEqualTo(new ValueRef.FromField("at"));
            assertThat(m.eventType()).isEqualTo(ValueRef.field("kind"));
            assertThat(m.metadata()).containsEntry("host", ValueRef.field("origin.host"))
                    .containsEntry("env", ValueRef.constant("staging"));
        }
    }

    @Test
    void bothAConstantAndAFieldForTheEventTypeIsRefused() {
        SourceTopicConfig bad = new SourceTopicConfig("x", null, "s", null, "event_id", "event_timestamp", "t", "t2",
                Map.of("host", "h", "env", "e", "service", "s"), null, null);

        assertThatThrownBy(bad::toMapping).isInstanceOf(ConfigurationException.class).hasMessageContaining("event-type");
    }

    @Test
    void pipelineDefaultsFollowIssue5() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of())) {
            PipelineConfig c = ctx.getBean(PipelineConfig.class);

            assertThat(c.enabled()).isFalse();
            assertThat(c.rawTopic()).isEqualTo("telemetry.events.raw");
            assertThat(c.groupId()).isEqualTo("sluice-lake-writer");
            assertThat(c.maxBatchEvents()).isEqualTo(200_000);
            assertThat(c.maxBatchInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(c.dedupHorizon()).isEqualTo(Duration.ofHours(48).plusMinutes(10));
            assertThat(c.dlqEnabled()).isTrue();
        }
    }

    @Test
    void pipelineSettingsBindExplicitly() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "sluice.ingestion.pipeline.max-batch-events", "5000",
                "sluice.ingestion.pipeline.max-batch-interval", "1s",
                "sluice.ingestion.pipeline.group-id", "g",
                "sluice.ingestion.pipeline.late-window", "2h",
                "sluice.ingestion.pipeline.consumer-properties.fetch.min.bytes", "1"))) {
            PipelineConfig c = ctx.getBean(PipelineConfig.class);

            assertThat(c.maxBatchEvents()).isEqualTo(5000);
            assertThat(c.maxBatchInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(c.groupId()).isEqualTo("g");
            assertThat(c.lateWindow()).isEqualTo(Duration.ofHours(2));
            assertThat(c.consumerPropertiesOrEmpty()).containsEntry("fetch.min.bytes", "1");
        }
    }
}
