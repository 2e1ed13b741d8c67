package dev.sluice.registry;

import dev.sluice.domain.application.service.compatibility.CompatibilityChecker;
import dev.sluice.domain.application.service.compatibility.CompatibilityResult;
import dev.sluice.domain.application.service.compatibility.IncompatibilityRule;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.SchemaVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.sluice.domain.model.schema.CompatibilityMode.BACKWARD;
import static dev.sluice.domain.model.schema.CompatibilityMode.BACKWARD_TRANSITIVE;
import static dev.sluice.domain.model.schema.CompatibilityMode.FORWARD;
import static dev.sluice.domain.model.schema.CompatibilityMode.FORWARD_TRANSITIVE;
import static dev.sluice.domain.model.schema.CompatibilityMode.FULL;
import static dev.sluice.domain.model.schema.CompatibilityMode.FULL_TRANSITIVE;
import static dev.sluice.domain.model.schema.CompatibilityMode.NONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatibility matrix: schema changes written in JSON Schema and in Avro, mapped by the
 * registry's formats and checked by the domain's checker under the seven modes, exactly as a
 * registration is. It covers JSON Schema's open and closed content models (additionalProperties),
 * the case that confuses Confluent's users most: a closed reader refuses what an open writer may add.
 */
class CompatibilityMatrixTest {

    private static final SchemaParser PARSER = new SchemaParser(new CelRuleCompiler());
    private static final CompatibilityChecker CHECKER = new CompatibilityChecker();

    /** A JSON Schema object with the given properties and required names, open or closed. */
    private static String json(boolean closed, String required, String properties) {
        return "{\"type\":\"object\",\"required\":[" + required + "],\"properties\":{" + properties + "}"
                + (closed ? ",\"additionalProperties\":false" : "") + "}";
    }

    private static final String ID = "\"id\":{\"type\":\"string\"}";
    private static final String NAME = "\"name\":{\"type\":\"string\"}";

    private static String avro(String fields) {
        return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}" + (fields.isEmpty() ? "" : "," + fields) + "]}";
    }

    private static final String AVRO_NOTE = "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}";

    /** One change: the history (oldest first), the candidate, and whether BACKWARD and FORWARD hold, with the rule broken otherwise. */
    private record Change(String name, String format, List<String> history, String candidate,
                          IncompatibilityRule backward, IncompatibilityRule forward) {
    }

    private static List<Change> changes() {
        List<Change> c = new ArrayList<>();
        String base = json(false, "\"id\"", ID + "," + NAME);
        String baseClosed = json(true, "\"id\"", ID + "," + NAME);
        c.add(new Change("add optional field (open)", "JSON", List.of(base),
                json(false, "\"id\"", ID + "," + NAME + ",\"email\":{\"type\":\"string\"}"), null, null));
        c.add(new Change("add required field (open)", "JSON", List.of(base),
                json(false, "\"id\",\"age\"", ID + "," + NAME + ",\"age\":{\"type\":\"integer\"}"),
                IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, null));
        c.add(new Change("remove optional field (open)", "JSON", List.of(base), json(false, "\"id\"", ID), null, null));
        c.add(new Change("remove required field (open)", "JSON", List.of(base), json(false, "", NAME),
                null, IncompatibilityRule.FIELD_REMOVED));
        c.add(new Change("integer widened to number", "JSON", List.of(json(false, "\"n\"", "\"n\":{\"type\":\"integer\"}")),
                json(false, "\"n\"", "\"n\":{\"type\":\"number\"}"), null, IncompatibilityRule.TYPE_CHANGED));
        c.add(new Change("number narrowed to integer", "JSON", List.of(json(false, "\"n\"", "\"n\":{\"type\":\"number\"}")),
                json(false, "\"n\"", "\"n\":{\"type\":\"integer\"}"), IncompatibilityRule.TYPE_CHANGED, null));
        c.add(new Change("enum value added", "JSON", List.of(json(false, "\"k\"", "\"k\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}")),
                json(false, "\"k\"", "\"k\":{\"type\":\"string\",\"enum\":[\"a\",\"b\",\"c\"]}"), null, IncompatibilityRule.ENUM_VALUE_REMOVED));
        c.add(new Change("enum value removed", "JSON", List.of(json(false, "\"k\"", "\"k\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}")),
                json(false, "\"k\"", "\"k\":{\"type\":\"string\",\"enum\":[\"a\"]}"), IncompatibilityRule.ENUM_VALUE_REMOVED, null));
        c.add(new Change("add optional field (closed)", "JSON", List.of(baseClosed),
                json(true, "\"id\"", ID + "," + NAME + ",\"email\":{\"type\":\"string\"}"), null, IncompatibilityRule.CLOSED_CONTENT_MODEL));
        c.add(new Change("remove optional field (closed)", "JSON", List.of(baseClosed), json(true, "\"id\"", ID),
                IncompatibilityRule.CLOSED_CONTENT_MODEL, null));
        c.add(new Change("open content model closed", "JSON", List.of(base), baseClosed, IncompatibilityRule.CLOSED_CONTENT_MODEL, null));
        c.add(new Change("closed content model opened", "JSON", List.of(baseClosed), base, null, IncompatibilityRule.CLOSED_CONTENT_MODEL));

        String avroBase = avro(AVRO_NOTE);
        c.add(new Change("add field with default", "AVRO", List.of(avroBase),
                avro(AVRO_NOTE + ",{\"name\":\"n\",\"type\":\"long\",\"default\":0}"), null, null));
        c.add(new Change("add field without default", "AVRO", List.of(avroBase),
                avro(AVRO_NOTE + ",{\"name\":\"n\",\"type\":\"long\"}"), IncompatibilityRule.READER_FIELD_MISSING_DEFAULT, null));
        c.add(new Change("remove field with default", "AVRO", List.of(avroBase), avro(""), null, null));
        c.add(new Change("remove field without default", "AVRO", List.of(avro("{\"name\":\"n\",\"type\":\"long\"}")), avro(""),
                null, IncompatibilityRule.FIELD_REMOVED));
        c.add(new Change("string changed to long", "AVRO", List.of(avro("{\"name\":\"n\",\"type\":\"string\"}")),
                avro("{\"name\":\"n\",\"type\":\"long\"}"), IncompatibilityRule.TYPE_CHANGED, IncompatibilityRule.TYPE_CHANGED));
        c.add(new Change("enum symbol added", "AVRO",
                List.of(avro("{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}")),
                avro("{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}}"),
                null, IncompatibilityRule.ENUM_VALUE_REMOVED));
        c.add(new Change("enum symbol removed", "AVRO",
                List.of(avro("{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}")),
                avro("{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}}"),
                IncompatibilityRule.ENUM_VALUE_REMOVED, null));
        c.add(new Change("field made nullable", "AVRO", List.of(avro("{\"name\":\"n\",\"type\":\"string\"}")),
                avro("{\"name\":\"n\",\"type\":[\"null\",\"string\"],\"default\":null}"), null, IncompatibilityRule.OPTIONAL_BECAME_REQUIRED));
        return c;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Change c : changes()) {
            for (CompatibilityMode mode : List.of(BACKWARD, FORWARD, FULL, NONE)) {
                IncompatibilityRule expected = switch (mode) {
                    case BACKWARD -> c.backward();
                    case FORWARD -> c.forward();
                    case FULL -> c.backward() != null ? c.backward() : c.forward();
                    default -> null;
                };
                out.add(Arguments.of(c.format(), c.name(), mode, c.history(), c.candidate(), expected));
            }
        }
        // Transitive modes: the latest version is compatible, an older one is not.
        String j1 = json(false, "\"id\"", ID + "," + NAME);
        String j2 = json(false, "\"id\"", ID);
        String j3 = json(false, "\"id\"", ID + ",\"name\":{\"type\":\"integer\"}");
        String a1 = avro("{\"name\":\"name\",\"type\":[\"null\",\"string\"],\"default\":null}");
        String a2 = avro("");
        String a3 = avro("{\"name\":\"name\",\"type\":[\"null\",\"long\"],\"default\":null}");
        for (String[] f : new String[][] {{"JSON", j1, j2, j3}, {"AVRO", a1, a2, a3}}) {
            String name = "re-added field with another type";
            List<String> history = List.of(f[1], f[2]);
            out.add(Arguments.of(f[0], name, BACKWARD_TRANSITIVE, history, f[3], IncompatibilityRule.TYPE_CHANGED));
            out.add(Arguments.of(f[0], name, FORWARD_TRANSITIVE, history, f[3], IncompatibilityRule.TYPE_CHANGED));
            out.add(Arguments.of(f[0], name, FULL_TRANSITIVE, history, f[3], IncompatibilityRule.TYPE_CHANGED));
            out.add(Arguments.of(f[0], name, BACKWARD, history, f[3], null));
            out.add(Arguments.of(f[0], name, FORWARD, history, f[3], null));
            out.add(Arguments.of(f[0], name, FULL, history, f[3], null));
            // With a compatible history, the transitive modes pass too.
            out.add(Arguments.of(f[0], "compatible history", FULL_TRANSITIVE, List.of(f[2]), f[2], null));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{0}] {1} under {2} -> {5}")
    @MethodSource("matrix")
    void compatibilityMatrix(String format, String change, CompatibilityMode mode, List<String> history, String candidate,
                             IncompatibilityRule expected) {
        List<SchemaVersion> previous = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            previous.add(PARSER.parse("matrix.t", format, history.get(i), null).model().withVersion(i + 1));
        }
        SchemaVersion next = PARSER.parse("matrix.t", format, candidate, null).model().withVersion(history.size() + 1);

        CompatibilityResult result = CHECKER.check(mode, next, previous);

        if (expected == null) {
            assertThat(result.incompatibilities()).as("%s under %s", change, mode).isEmpty();
        } else {
            assertThat(result.isCompatible()).as("%s under %s", change, mode).isFalse();
            assertThat(result.incompatibilities()).extracting(i -> i.rule()).contains(expected);
            assertThat(result.incompatibilities()).allSatisfy(i -> assertThat(i.message()).isNotBlank());
        }
    }
}
