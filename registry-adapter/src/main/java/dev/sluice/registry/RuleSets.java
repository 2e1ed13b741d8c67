package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.model.schema.Rule;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads cross-field rules from a Confluent data-contract {@code ruleSet}:
 * {@code {"domainRules": [{"name": "...", "kind": "CONDITION", "type": "CEL", "expr": "...", "doc": "..."}]}}.
 * Only CONDITION rules of type CEL map to the canonical model; anything else is refused by name.
 */
final class RuleSets {

    private static final Set<String> RULE_MEMBERS = Set.of("name", "kind", "type", "mode", "expr", "doc", "onFailure",
            "onSuccess", "tags", "params", "disabled");

    private RuleSets() {
    }

    static List<Rule> parse(JsonNode ruleSet) {
        if (ruleSet == null || ruleSet.isNull() || ruleSet.isMissingNode()) {
            return List.of();
        }
        if (!ruleSet.isObject()) {
            throw RegistryException.invalid("Invalid ruleSet: must be an object with domainRules");
        }
        for (Iterator<String> it = ruleSet.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("domainRules")) {
                throw RegistryException.unsupported("ruleSet." + name, "ruleSet (Sluice supports domainRules only)");
            }
        }
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode r : ruleSet.path("domainRules")) {
            String where = "ruleSet.domainRules[" + i++ + "]";
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String member = it.next();
                if (!RULE_MEMBERS.contains(member)) {
                    throw RegistryException.unsupported(member, where);
                }
            }
            String name = r.path("name").asText("");
            if (name.isBlank()) {
                throw new RegistryException(RegistryError.INVALID_RULE, "Invalid rule at " + where + ": it has no name");
            }
            String kind = r.path("kind").asText("CONDITION").toUpperCase(Locale.ROOT);
            if (!kind.equals("CONDITION")) {
                throw RegistryException.unsupported("kind " + kind, where + " ('" + name + "'; Sluice supports CONDITION rules)");
            }
            String type = r.path("type").asText("CEL").toUpperCase(Locale.ROOT);
            if (!type.equals("CEL")) {
                throw RegistryException.unsupported("type " + type, where + " ('" + name + "'; Sluice supports CEL)");
            }
            if (r.path("disabled").asBoolean(false)) {
                throw RegistryException.unsupported("disabled: true", where + " ('" + name + "'; remove the rule instead)");
            }
            String expr = r.path("expr").asText("");
            if (expr.isBlank()) {
                throw new RegistryException(RegistryError.INVALID_RULE, "Invalid rule '" + name + "' at " + where + ": expr is empty");
            }
            String doc = r.path("doc").asText("");
            rules.add(Rule.cel(name, doc.isBlank() ? "Rule '" + name + "' failed: " + expr : doc, expr));
        }
        return rules;
    }
}
