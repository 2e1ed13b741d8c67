package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.application.port.out.SchemaCatalog;
import dev.sluice.localstack.LocalStackServers;
import dev.sluice.localstack.Server;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The registry application end to end, on the local stack's real PostgreSQL and Kafka. */
@LocalStackServers({Server.POSTGRES, Server.KAFKA})
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiIT implements TestPropertyProvider {

    private Map<String, String> properties;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SchemaCatalog catalog;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        properties = RegistryTestStack.properties("api", true);
        return properties;
    }

    private BlockingHttpClient client() {
        return http.toBlocking();
    }

    private static <T> MutableHttpRequest<T> admin(MutableHttpRequest<T> r) {
        return r.header("X-API-Key", RegistryTestStack.ADMIN_KEY).header("X-Sluice-Actor", "alice@example.org");
    }

    private static <T> MutableHttpRequest<T> reader(MutableHttpRequest<T> r) {
        return r.header("X-API-Key", RegistryTestStack.READ_KEY);
    }

    private JsonNode get(String path) {
        return CanonicalCodec.read(client().retrieve(reader(HttpRequest.GET(path)), String.class));
    }

    private JsonNode post(String path, Object body) {
        return CanonicalCodec.read(client().retrieve(admin(HttpRequest.POST(path, body)), String.class));
    }

    private JsonNode error(MutableHttpRequest<?> request, HttpStatus expected) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client().exchange(request, String.class));
        assertThat(e).as("expected %s for %s", expected, request.getPath()).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(expected.getCode());
        return CanonicalCodec.read(e.getResponse().getBody(String.class).orElseThrow());
    }

    private static Map<String, Object> jsonSchema(String schema) {
        Map<String, Object> m = new HashMap<>();
        m.put("schemaType", "JSON");
        m.put("schema", schema);
        return m;
    }

    private static final String V1 = "{\"type\":\"object\",\"required\":[\"order_id\"],\"properties\":{\"order_id\":{\"type\":\"string\"},"
            + "\"coupon\":{\"type\":\"string\"},\"email\":{\"type\":\"string\",\"x-pii\":\"HIGH\"}}}";

    @Test
    void theBuiltInsAreVersionOneAndARestartRegistersNothing() {
        assertThat(toList(get("/subjects"))).extracting(JsonNode::asText).contains("sluice-envelope", "acme-telemetry",
                "recsys-api.request", "recsys-api.ranking", "recsys-api.impression", "recsys-api.click", "recsys-api.error",
                "sluice-common-metadata");
        JsonNode acme = get("/subjects/acme-telemetry/versions/latest");
        assertThat(acme.path("version").asInt()).isEqualTo(1);
        assertThat(acme.path("ruleSet").path("domainRules")).hasSize(4);
        assertThat(toList(get("/subjects/acme-telemetry/versions/1/pii"))).extracting(n -> n.path("path").asText())
                .containsExactlyInAnyOrder("customer_id", "device_id", "ip_address");
        assertThat(get("/subjects/sluice-common-metadata/versions/1").path("schemaType").asText()).isEqualTo("AVRO");

        context.getBean(BuiltinSchemas.class).onStartup(null);

        assertThat(get("/subjects/acme-telemetry/versions")).hasSize(1);
        assertThat(catalog.resolve("acme-telemetry", "start").orElseThrow().predicates()).hasSize(4);
        assertThat(catalog.resolve("recsys-api", "click").orElseThrow().subject().name()).isEqualTo("recsys-api.click");
    }

    @Test
    void registeringIsIdempotentAndEveryReadFindsTheVersion() {
        JsonNode first = post("/subjects/shop.order/versions", jsonSchema(V1));
        JsonNode again = post("/subjects/shop.order/versions", jsonSchema(V1.replace(",", " , ")));

        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("created").asBoolean()).isTrue();
        assertThat(again.path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(again.path("created").asBoolean()).isFalse();
        long id = first.path("id").asLong();
        assertThat(get("/schemas/ids/" + id).path("schema").asText()).isEqualTo(V1);
        assertThat(toList(get("/subjects/shop.order/versions"))).extracting(JsonNode::asInt).containsExactly(1);
        JsonNode looked = CanonicalCodec.read(client().retrieve(reader(HttpRequest.POST("/subjects/shop.order", jsonSchema(V1))),
                String.class));
        assertThat(looked.path("id").asLong()).isEqualTo(id);
        assertThat(toList(get("/subjects/shop.order/versions/1/fields"))).extracting(n -> n.path("path").asText() + ":" + n.path("pii").asText())
                .containsExactly("order_id:NONE", "coupon:NONE", "email:HIGH");
        assertThat(catalog.byId(id).orElseThrow().subject().name()).isEqualTo("shop.order");
    }

    @Test
    void anIncompatibleSchemaGets409WithEveryIncompatibility() {
        post("/subjects/pay.charge/versions", jsonSchema("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\"},"
                + "\"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}}"));
        Map<String, Object> bad = jsonSchema("{\"type\":\"object\",\"required\":[\"currency\"],\"properties\":{\"amount\":{\"type\":\"integer\"},"
                + "\"kind\":{\"type\":\"string\",\"enum\":[\"a\"]},\"currency\":{\"type\":\"string\"}}}");

        JsonNode body = error(admin(HttpRequest.POST("/subjects/pay.charge/versions", bad)), HttpStatus.CONFLICT);

        assertThat(body.path("error_code").asInt()).isEqualTo(409);
        assertThat(body.path("code").asText()).isEqualTo("INCOMPATIBLE_SCHEMA");
        assertThat(body.path("message").asText()).contains("pay.charge").contains("BACKWARD").contains("3 incompatibilities");
        assertThat(body.path("incompatibilities")).extracting(n -> n.path("rule").asText() + "@" + n.path("path").asText())
                .containsExactlyInAnyOrder("TYPE_CHANGED@amount", "ENUM_VALUE_REMOVED@kind", "READER_FIELD_MISSING_DEFAULT@currency");
        JsonNode amount = List.copyOf(toList(body.path("incompatibilities"))).stream()
                .filter(n -> n.path("path").asText().equals("amount")).findFirst().orElseThrow();
        assertThat(amount.path("oldType").asText()).isEqualTo("DOUBLE");
        assertThat(amount.path("newType").asText()).isEqualTo("LONG");

        JsonNode check = CanonicalCodec.read(client().retrieve(reader(HttpRequest.POST(
                "/compatibility/subjects/pay.charge/versions/latest?verbose=true", bad)), String.class));
        assertThat(check.path("is_compatible").asBoolean()).isFalse();
        assertThat(check.path("messages")).hasSize(3);
        JsonNode ok = CanonicalCodec.read(client().retrieve(reader(HttpRequest.POST(
                "/compatibility/subjects/pay.charge/versions/1", jsonSchema("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\"},"
                        + "\"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\",\"c\"]}}}"))), String.class));
        assertThat(ok.path("is_compatible").asBoolean()).isTrue();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void invalidInputGetsConfluentCodesAndPreciseMessages() {
        JsonNode unsupported = error(admin(HttpRequest.POST("/subjects/bad.schema/versions",
                jsonSchema("{\"type\":\"object\",\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\"}]}}}"))), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unsupported.path("error_code").asInt()).isEqualTo(42201);
        assertThat(unsupported.path("code").asText()).isEqualTo("UNSUPPORTED_CONSTRUCT");
        assertThat(unsupported.path("message").asText()).contains("'anyOf' at #/properties/a");
        assertThat(unsupported.path("type").asText()).startsWith("https://sluice.dev/problems/registry/");

        Map<String, Object> withRule = jsonSchema(V1);
        withRule.put("ruleSet", Map.of("domainRules", List.of(Map.of("name", "coupon_rule", "kind", "CONDITION", "type", "CEL",
                "expr", "coupon_code != ''"))));
        JsonNode badRule = error(admin(HttpRequest.POST("/subjects/bad.rule/versions", withRule)), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(badRule.path("code").asText()).isEqualTo("INVALID_RULE");
        assertThat(badRule.path("message").asText()).contains("coupon_rule").contains("coupon_code");

        assertThat(error(reader(HttpRequest.GET("/subjects/acme-telemetry/versions/abc")), HttpStatus.UNPROCESSABLE_ENTITY)
                .path("error_code").asInt()).isEqualTo(42202);
        assertThat(error(reader(HttpRequest.GET("/subjects/nobody/versions")), HttpStatus.NOT_FOUND).path("error_code").asInt())
                .isEqualTo(40401);
        assertThat(error(reader(HttpRequest.GET("/subjects/acme-telemetry/versions/99")), HttpStatus.NOT_FOUND)
                .path("error_code").asInt()).isEqualTo(40402);
        assertThat(error(reader(HttpRequest.GET("/schemas/ids/987654")), HttpStatus.NOT_FOUND).path("error_code").asInt())
                .isEqualTo(40403);
        assertThat(error(admin(HttpRequest.PUT("/config", Map.of("compatibility", "SIDEWAYS"))), HttpStatus.UNPROCESSABLE_ENTITY)
                .path("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void configIsGlobalAndPerSubject() {
        assertThat(get("/config").path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        post("/subjects/cfg.test/versions", jsonSchema(V1));
        assertThat(error(reader(HttpRequest.GET("/config/cfg.test")), HttpStatus.NOT_FOUND).path("error_code").asInt()).isEqualTo(40408);
        assertThat(get("/config/cfg.test?defaultToGlobal=true").path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        client().retrieve(admin(HttpRequest.PUT("/config/cfg.test", Map.of("compatibility", "NONE"))), String.class);

        assertThat(get("/config/cfg.test").path("compatibilityLevel").asText()).isEqualTo("NONE");
        JsonNode v2 = post("/subjects/cfg.test/versions", jsonSchema("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"integer\"}}}"));
        assertThat(v2.path("version").asInt()).isEqualTo(2);
    }

    @Test
    void softDeleteHidesAVersionButKeepsItReadableById() {
        post("/subjects/del.test/versions", jsonSchema(V1));
        long id2 = post("/subjects/del.test/versions", jsonSchema(V1.replace("\"coupon\":{\"type\":\"string\"},",
                "\"coupon\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"},"))).path("id").asLong();

        assertThat(client().retrieve(admin(HttpRequest.DELETE("/subjects/del.test/versions/2")), String.class)).isEqualTo("2");

        assertThat(toList(get("/subjects/del.test/versions"))).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(toList(get("/subjects/del.test/versions?deleted=true"))).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(get("/schemas/ids/" + id2).path("subject").asText()).isEqualTo("del.test");
        assertThat(catalog.resolve("del", "test").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aBreakingVersionIsAlertedWithItsDiffAndResolvedWithAnAuditedReason() {
        post("/subjects/brk.test/versions", jsonSchema(V1));
        String topic = properties.get("sluice.registry.events.alerts-topic");
        try (KafkaConsumer<String, String> alerts = consumer(topic)) {
            JsonNode v2 = post("/subjects/brk.test/versions", jsonSchema(
                    "{\"type\":\"object\",\"required\":[\"order_id\"],\"properties\":{\"order_id\":{\"type\":\"string\"}}}"));
            assertThat(v2.path("status").asText()).isEqualTo("BREAKING");

            List<JsonNode> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                alerts.poll(Duration.ofMillis(200)).forEach(r -> received.add(CanonicalCodec.read(r.value())));
                assertThat(received).anySatisfy(a -> {
                    assertThat(a.path("subject").asText()).isEqualTo("brk.test");
                    assertThat(a.path("diff").path("removed")).extracting(n -> n.path("path").asText())
                            .containsExactlyInAnyOrder("coupon", "email");
                });
            });
        }
        assertThat(get("/subjects/brk.test/versions/2/diff").path("removed")).hasSize(2);
        JsonNode noReason = error(admin(HttpRequest.POST("/subjects/brk.test/versions/2/resolve", Map.of())), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(noReason.path("message").asText()).contains("reason");
        assertThat(error(admin(HttpRequest.POST("/subjects/brk.test/versions/1/resolve", Map.of("reason", "x"))), HttpStatus.CONFLICT)
                .path("code").asText()).isEqualTo("NOT_BREAKING");

        JsonNode resolved = post("/subjects/brk.test/versions/2/resolve",
                Map.of("reason", "coupon and email moved to the billing service on purpose"));

        assertThat(resolved.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(get("/subjects/brk.test/audit")).anySatisfy(a -> {
            assertThat(a.path("action").asText()).isEqualTo("RESOLVE_ACCEPT");
            assertThat(a.path("reason").asText()).isEqualTo("coupon and email moved to the billing service on purpose");
            assertThat(a.path("actor").asText()).startsWith("alice@example.org (admin-key:");
        });
        assertThat(catalog.resolve("brk", "test").orElseThrow().schema().status().name()).isEqualTo("ACTIVE");
    }

    @Test
    void everyNewVersionIsPublishedOnTheChangeTopic() {
        try (KafkaConsumer<String, String> changes = consumer(properties.get("sluice.registry.events.changed-topic"))) {
            long id = post("/subjects/evt.test/versions", jsonSchema(V1)).path("id").asLong();
            List<JsonNode> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                changes.poll(Duration.ofMillis(200)).forEach(r -> received.add(CanonicalCodec.read(r.value())));
                assertThat(received).anySatisfy(e -> {
                    assertThat(e.path("type").asText()).isEqualTo("VERSION_REGISTERED");
                    assertThat(e.path("subject").asText()).isEqualTo("evt.test");
                    assertThat(e.path("id").asLong()).isEqualTo(id);
                });
            });
        }
    }

    @Test
    void aVersionRegisteredByAnotherInstanceReachesThisCacheThroughKafka() {
        post("/subjects/peer.test/versions", jsonSchema(V1));
        assertThat(catalog.resolve("peer", "test").orElseThrow().version()).isEqualTo(1);
        Map<String, Object> peerProps = new HashMap<>(properties);
        peerProps.put("sluice.registry.builtins", "false");
        try (ApplicationContext peer = ApplicationContext.run(peerProps)) {
            peer.getBean(RegistryService.class).register("peer.test", "JSON", V1.replace("\"coupon\":{\"type\":\"string\"},",
                    "\"coupon\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"},"), null, "peer-instance");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(catalog.resolve("peer", "test").orElseThrow().version()).isEqualTo(2));
    }

    @Test
    void readsNeedAKeyAndWritesAnAdminKey() {
        assertThat(error(HttpRequest.GET("/subjects"), HttpStatus.UNAUTHORIZED).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(error(HttpRequest.GET("/subjects").header("X-API-Key", "no"), HttpStatus.UNAUTHORIZED).path("message").asText())
                .contains("Malformed");
        assertThat(error(HttpRequest.GET("/subjects").header("Authorization", "Token abc"), HttpStatus.UNAUTHORIZED)
                .path("message").asText()).contains("Malformed");
        assertThat(error(HttpRequest.GET("/subjects").bearerAuth("unknown-key-123456"), HttpStatus.UNAUTHORIZED)
                .path("message").asText()).contains("Unknown");
        assertThat(error(reader(HttpRequest.POST("/subjects/auth.test/versions", jsonSchema(V1))), HttpStatus.FORBIDDEN)
                .path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(error(reader(HttpRequest.PUT("/config", Map.of("compatibility", "NONE"))), HttpStatus.FORBIDDEN)
                .path("error_code").asInt()).isEqualTo(40301);
        assertThat(client().exchange(HttpRequest.GET("/subjects").basicAuth("svc", RegistryTestStack.READ_KEY), String.class)
                .getStatus().getCode()).isEqualTo(200);
        assertThat(client().exchange(reader(HttpRequest.POST("/compatibility/subjects/acme-telemetry/versions/latest",
                jsonSchema(V1))), String.class).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentIsServed() {
        String doc = client().retrieve(HttpRequest.GET("/openapi/sluice-registry-0.1.yml"), String.class);
        assertThat(doc).contains("/subjects/{subject}/versions").contains("/compatibility/subjects/{subject}/versions/{version}")
                .contains("/config/{subject}").contains("/schemas/ids/{id}");
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryTestStack.endpoints().kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        await().atMost(Duration.ofSeconds(30)).until(() -> !c.partitionsFor(topic).isEmpty());
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }
}
