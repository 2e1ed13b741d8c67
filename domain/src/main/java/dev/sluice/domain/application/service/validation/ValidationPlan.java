package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.payload.ObjectValue;

import dev.sluice.domain.model.schema.CompiledSchema;
import dev.sluice.domain.model.schema.Constraints;
import dev.sluice.domain.model.schema.Field;
import dev.sluice.domain.model.schema.FieldType;
import dev.sluice.domain.model.schema.Format;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled schema prepared once for validation: fields in arrays, constraints unboxed, patterns
 * compiled, enum values in hash sets, rule predicates resolved. Immutable and thread-safe.
 */
final class ValidationPlan {

    final CompiledSchema schema;
    final ObjectPlan root;
    final Rule[] rules;
    final RulePredicate[] predicates;

    private ValidationPlan(CompiledSchema schema, ObjectPlan root, Rule[] rules, RulePredicate[] predicates) {
        this.schema = schema;
        this.root = root;
        this.rules = rules;
        this.predicates = predicates;
    }

    static ValidationPlan of(CompiledSchema schema) {
        ObjectPlan root = ObjectPlan.of(schema.schema().fields(), schema.schema().closed());
        List<Rule> ruleList = schema.schema().rules();
        Rule[] rules = ruleList.toArray(new Rule[0]);
        RulePredicate[] predicates = new RulePredicate[rules.length];
        for (int i = 0; i < rules.length; i++) {
            predicates[i] = schema.predicates().get(rules[i].id()); // CompiledSchema guarantees presence
        }
        return new ValidationPlan(schema, root, rules, predicates);
    }

    /** The members of one object: the root, or a STRUCT. */
    static final class ObjectPlan {
        final FieldPlan[] fields;
        final boolean closed;
        final Set<String> names;
        /** The fields' members by position, per payload shape. */
        final ObjectValue.Lookup members;

        private ObjectPlan(FieldPlan[] fields, boolean closed, Set<String> names) {
            this.fields = fields;
            this.closed = closed;
            this.names = names;
            this.members = new ObjectValue.Lookup(java.util.Arrays.stream(fields).map(f -> f.name).toList());
        }

        static ObjectPlan of(List<Field> fields, boolean closed) {
            FieldPlan[] plans = new FieldPlan[fields.size()];
            Set<String> names = new HashSet<>();
            for (int i = 0; i < plans.length; i++) {
                plans[i] = FieldPlan.of(fields.get(i));
                names.add(plans[i].name);
            }
            return new ObjectPlan(plans, closed, Set.copyOf(names));
        }
    }

    /** One field, with everything the hot path needs in final fields. */
    static final class FieldPlan {
        final String name;
        final FieldType type;
        final boolean required;
        final Set<String> enumValues;       // null when unconstrained
        final List<String> enumList;        // for messages
        final StringMatcher pattern;        // null when none
        final String patternText;
        final Format format;                // null when none
        final boolean hasMin;
        final double min;
        final boolean hasMax;
        final double max;
        final int minLength;                // -1 when none
        final int maxLength;                // -1 when none
        final boolean hasStringChecks;
        final ObjectPlan struct;            // STRUCT only
        final FieldPlan element;            // LIST and MAP only

        private FieldPlan(Field f) {
            Constraints c = f.constraints();
            this.name = f.name();
            this.type = f.type();
            this.required = f.required();
            this.enumValues = c.enumValues().isEmpty() ? null : Set.copyOf(c.enumValues());
            this.enumList = c.enumValues();
            this.pattern = c.pattern() == null ? null : StringMatcher.compile(c.pattern());
            this.patternText = c.pattern();
            this.format = c.format();
            this.hasMin = c.minimum() != null;
            this.min = hasMin ? c.minimum() : 0.0;
            this.hasMax = c.maximum() != null;
            this.max = hasMax ? c.maximum() : 0.0;
            this.minLength = c.minLength() == null ? -1 : c.minLength();
            this.maxLength = c.maxLength() == null ? -1 : c.maxLength();
            this.hasStringChecks = enumValues != null || pattern != null || format != null || minLength >= 0 || maxLength >= 0;
            this.struct = f.type() == FieldType.STRUCT ? ObjectPlan.of(f.children(), f.closed()) : null;
            this.element = f.element() == null ? null : new FieldPlan(f.element());
        }

        static FieldPlan of(Field f) {
            return new FieldPlan(f);
        }
    }
}
