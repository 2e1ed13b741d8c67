package dev.sluice.registry;

import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written registration statements of {@link RegistrySql}: after a restart the earlier
 * versions' models are read in one query (cold cache), the transitive check still sees all of them,
 * and the field rows, status changes, audit rows and outbox events land in the order the old
 * one-statement-per-row code wrote them.
 */
@LocalStackServers({Server.POSTGRES})
class RegistrationRoundTripsIT {

    private static String schema(String extraField, String description) {
        return "{\"type\":\"object\",\"description\":\"" + description + "\",\"required\":[\"id\"],\"properties\":{"
                + "\"id\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\",\"minimum\":0}"
                + (extraField == null ? "" : ",\"" + extraField + "\":{\"type\":\"string\"}") + "}}";
    }

    @Test
    void registrationAfterRestartChecksEveryEarlierVersionAndWritesRowsInOrder() {
        Map<String, Object> p = new HashMap<>(RegistryTestStack.properties("roundtrips", false));
        p.put("sluice.registry.builtins", "false");
        String subject = "rt.transitive";
        try (ApplicationContext first = ApplicationContext.run(p)) {
            RegistryService registry = first.getBean(RegistryService.class);
            registry.setSubjectMode(subject, "FULL_TRANSITIVE", "it");
            for (int i = 1; i <= 3; i++) {
                assertThat(registry.register(subject, "JSON", schema(null, "v" + i), null, "it").created()).isTrue();
            }
        }
        try (ApplicationContext second = ApplicationContext.run(p)) {
            RegistryService registry = second.getBean(RegistryService.class);
            // Same schema as version 2: idempotent, found by fingerprint, nothing written.
            RegistryStore.Registration again = registry.register(subject, "JSON", schema(null, "v2"), null, "it");
            assertThat(again.created()).isFalse();
            assertThat(again.version().version()).isEqualTo(2);
            // A required field that version 1 lacks is incompatible with every earlier version (cold cache: one query).
            assertThatThrownBy(() -> registry.register(subject, "JSON",
                    schema(null, "v4").replace("\"required\":[\"id\"]", "\"required\":[\"id\",\"n\"]"), null, "it"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                            .contains("against version 1").contains("against version 2").contains("against version 3"));
            RegistryStore.Registration v4 = registry.register(subject, "JSON", schema("extra", "v4"), null, "it");
            assertThat(v4.created()).isTrue();
            assertThat(v4.version().version()).isEqualTo(4);

            JdbcOperations jdbc = second.getBean(JdbcOperations.class);
            assertThat(strings(jdbc, "SELECT path FROM schema_fields WHERE version_id = " + v4.version().id() + " ORDER BY path"))
                    .containsExactly("extra", "id", "n");
            assertThat(strings(jdbc, "SELECT version || ':' || status FROM schema_versions ORDER BY version"))
                    .containsExactly("1:DEPRECATED", "2:DEPRECATED", "3:DEPRECATED", "4:ACTIVE");
            assertThat(strings(jdbc, "SELECT action || ':' || COALESCE(version::text, '-') FROM audit_log WHERE subject = '"
                    + subject + "' ORDER BY id"))
                    .containsExactly("SET_SUBJECT_COMPATIBILITY:-", "REGISTER:1", "REGISTER:2", "REGISTER:3", "REGISTER:4");
            List<String> events = strings(jdbc, "SELECT payload FROM event_outbox ORDER BY id");
            assertThat(events).hasSize(7);
            assertThat(events.get(5)).contains("\"type\":\"STATUS_CHANGED\"").contains("\"version\":3");
            assertThat(events.get(6)).contains("\"type\":\"VERSION_REGISTERED\"").contains("\"version\":4");
            assertThat(strings(jdbc, "SELECT detail FROM audit_log WHERE action = 'REGISTER' AND version = 4"))
                    .singleElement().asString().contains("\"id\":" + v4.version().id());
        }
    }

    private static List<String> strings(JdbcOperations jdbc, String sql) {
        return jdbc.execute(conn -> {
            List<String> out = new ArrayList<>();
            try (var st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
