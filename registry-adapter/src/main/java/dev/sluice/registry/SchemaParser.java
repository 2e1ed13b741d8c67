package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.model.schema.CompatibilityMode;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.SchemaStatus;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.model.schema.Subject;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Turns a registration request (schema text, schemaType, ruleSet) into a canonical
 * {@link SchemaVersion} whose rules have been compiled once, so that invalid rules are refused at
 * registration with 422 naming the rule.
 */
final class SchemaParser {

    private final JsonSchemaMapper json = new JsonSchemaMapper();
    private final AvroMapper avro = new AvroMapper();
    private final RuleCompiler rules;

    SchemaParser(RuleCompiler rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** A parsed, checked candidate; version 1 and ACTIVE until the registry decides. */
    record Draft(SchemaVersion model, SchemaFormat format, String schemaText, String ruleSetText, String fingerprint) {
    }

    Draft parse(String subjectName, String schemaType, String schemaText, JsonNode ruleSet) {
        Subject subject = subject(subjectName);
        SchemaFormat format = SchemaFormat.parse(schemaType);
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryException.invalid("Invalid schema: the request has no schema");
        }
        List<Field> fields;
        boolean closed;
        String doc;
        switch (format) {
            case JSON -> {
                JsonSchemaMapper.Mapped m = json.map(schemaText);
                fields = m.fields();
                closed = m.closed();
                doc = m.doc();
            }
            case AVRO -> {
                AvroMapper.Mapped m = avro.map(schemaText);
                fields = m.fields();
                closed = false; // Avro readers skip unknown writer fields (schema resolution)
                doc = m.doc();
            }
            default -> throw new IllegalStateException("unreachable");
        }
        List<Rule> ruleList = RuleSets.parse(ruleSet);
        SchemaVersion model;
        try {
            model = new SchemaVersion(subject, 1, fields, ruleList, closed, SchemaStatus.ACTIVE, CompatibilityMode.BACKWARD, doc);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("Invalid schema: " + e.getMessage());
        }
        for (Rule r : ruleList) {
            try {
                rules.compile(r, model);
            } catch (RuleCompiler.InvalidRuleException e) {
                throw new RegistryException(RegistryError.INVALID_RULE, e.getMessage());
            }
        }
        String ruleSetText = ruleSet == null || ruleSet.isNull() || ruleSet.isMissingNode() ? null : CanonicalCodec.write(ruleSet);
        return new Draft(model, format, schemaText, ruleSetText, CanonicalCodec.fingerprint(model, format));
    }

    static Subject subject(String name) {
        try {
            return Subject.parse(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RegistryException(RegistryError.INVALID_SUBJECT, "Invalid subject '" + name + "': " + e.getMessage());
        }
    }
}
