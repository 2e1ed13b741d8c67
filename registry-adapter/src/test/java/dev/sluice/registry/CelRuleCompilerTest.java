package dev.sluice.registry;

import dev.sluice.domain.application.port.out.RuleCompiler;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.schema.Rule;
import dev.sluice.domain.model.schema.RulePredicate;
import dev.sluice.domain.model.schema.SchemaVersion;
import dev.sluice.domain.testing.SeedSchemas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CelRuleCompilerTest {

    private final CelRuleCompiler fast = new CelRuleCompiler(true);
    private final CelRuleCompiler interpreted = new CelRuleCompiler(false);
    private final SchemaVersion acme = SeedSchemas.acmeVideo();

    private RulePredicate compile(CelRuleCompiler compiler, String expr) {
        return compiler.compile(Rule.cel("r", "m", expr), acme);
    }

    @Test
    void seed002sFourRulesCompileToTheFastPathAndHoldForTheSample() {
        for (Rule rule : acme.rules()) {
            RulePredicate p = fast.compile(rule, acme);
            assertThat(p).as(rule.id()).isInstanceOf(FastRule.class);
            assertThat(p.test(SeedSchemas.acmeSampleRecord())).as(rule.id()).isTrue();
        }
    }

    @Test
    void aStartWithWatchTimeBreaksTheStartRule() {
        RulePredicate p = compile(fast, "event_type != 'start' || watch_duration_seconds == 0");
        ObjectValue bad = SeedSchemas.acmeSampleWith(ObjectValue.builder().put("watch_duration_seconds", 30L).build());
        ObjectValue stop = SeedSchemas.acmeSampleWith(ObjectValue.builder().put("event_type", "stop")
                .put("watch_duration_seconds", 30L).build());

        assertThat(p.test(bad)).isFalse();
        assertThat(p.test(stop)).isTrue();
    }

    @Test
    void fourKNeedsFifteenMbpsComparingADoubleFieldWithAnIntegralValue() {
        RulePredicate p = compile(fast, "quality != '4K' || bandwidth_mbps >= 15.0");
        assertThat(p.test(SeedSchemas.acmeSampleWith(ObjectValue.builder().put("quality", "4K").put("bandwidth_mbps", 15L).build()))).isTrue();
        assertThat(p.test(SeedSchemas.acmeSampleWith(ObjectValue.builder().put("quality", "4K").put("bandwidth_mbps", 14.9).build()))).isFalse();
    }

    @Test
    void anUnknownFieldIsRefusedAtCompileTimeNamingTheRule() {
        assertThatThrownBy(() -> fast.compile(Rule.cel("typo_rule", "m", "watch_secs == 0"), acme))
                .isInstanceOfSatisfying(RuleCompiler.InvalidRuleException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("typo_rule");
                    assertThat(e.getMessage()).contains("typo_rule").contains("watch_secs");
                });
    }

    @Test
    void aNonBooleanOrMistypedOrMalformedExpressionIsRefused() {
        assertThatThrownBy(() -> fast.compile(Rule.cel("sum", "m", "watch_duration_seconds + 1"), acme))
                .isInstanceOf(RuleCompiler.InvalidRuleException.class).hasMessageContaining("sum");
        assertThatThrownBy(() -> fast.compile(Rule.cel("types", "m", "event_type == 3"), acme))
                .isInstanceOf(RuleCompiler.InvalidRuleException.class).hasMessageContaining("types");
        assertThatThrownBy(() -> fast.compile(Rule.cel("syntax", "m", "event_type == "), acme))
                .isInstanceOf(RuleCompiler.InvalidRuleException.class).hasMessageContaining("syntax");
        assertThatThrownBy(() -> fast.compile(new Rule("lang", "m", "x", "jsonlogic"), acme))
                .isInstanceOf(RuleCompiler.InvalidRuleException.class).hasMessageContaining("jsonlogic");
    }

    @Test
    void expressionsOutsideTheSubsetRunOnTheCelInterpreter() {
        SchemaVersion ranking = SeedSchemas.recsysRanking();
        RulePredicate p = fast.compile(Rule.cel("k", "m", "size(items) <= k"), ranking);
        assertThat(p).isNotInstanceOf(FastRule.class);
        RulePredicate startsWith = compile(fast, "customer_id.startsWith('CUST_')");
        assertThat(startsWith).isNotInstanceOf(FastRule.class);
        assertThat(startsWith.test(SeedSchemas.acmeSampleRecord())).isTrue();
    }

    @Test
    void anAbsentMemberIsAnErrorUnlessTheOtherSideOfOrDecides() {
        RulePredicate p = compile(fast, "state == 'California' || event_type == 'start'");
        ObjectValue noState = without(SeedSchemas.acmeSampleRecord(), "state");
        assertThat(p.test(noState)).isTrue();
        RulePredicate strict = compile(fast, "state == 'California'");
        assertThatThrownBy(() -> strict.test(noState)).isInstanceOf(CelRuleCompiler.RuleEvaluationException.class);
        RulePredicate strictCel = compile(interpreted, "state == 'California'");
        assertThatThrownBy(() -> strictCel.test(noState)).isInstanceOf(CelRuleCompiler.RuleEvaluationException.class);
    }

    /** The fast path and CEL's interpreter agree on every outcome, errors included, over random payloads. */
    @Test
    void theFastPathAgreesWithTheCelInterpreter() {
        List<String> exprs = new ArrayList<>(acme.rules().stream().map(Rule::expression).toList());
        exprs.addAll(List.of(
                "!(event_type in ['start', 'resume']) || watch_duration_seconds == 0",
                "position_seconds > 10 && completion_percentage < 50.5",
                "state != 'Texas' && (error_count <= 3 || buffering_events > 2)",
                "device_type >= 'tv'"));
        Random random = new Random(42);
        String[] types = {"start", "stop", "pause", "resume", "complete"};
        String[] qualities = {"SD", "HD", "4K"};
        for (String expr : exprs) {
            RulePredicate f = compile(fast, expr);
            RulePredicate c = compile(interpreted, expr);
            assertThat(f).as(expr).isInstanceOf(FastRule.class);
            for (int i = 0; i < 300; i++) {
                ObjectValue.Builder b = ObjectValue.builder();
                SeedSchemas.acmeSampleRecord().members().forEach(b::put);
                b.put("event_type", types[random.nextInt(types.length)]);
                b.put("quality", qualities[random.nextInt(qualities.length)]);
                b.put("watch_duration_seconds", (long) random.nextInt(3));
                b.put("buffering_events", (long) random.nextInt(3));
                b.put("buffering_duration_seconds", (long) random.nextInt(3));
                b.put("bandwidth_mbps", random.nextInt(3) == 0 ? (double) random.nextInt(30) : random.nextDouble() * 200);
                b.put("position_seconds", (long) random.nextInt(20));
                b.put("error_count", (long) random.nextInt(6));
                ObjectValue payload = b.build();
                if (random.nextInt(4) == 0) {
                    payload = without(payload, "state");
                }
                if (random.nextInt(8) == 0) {
                    payload = without(payload, "buffering_events");
                }
                assertThat(outcome(f, payload)).as(expr + " on " + payload.members()).isEqualTo(outcome(c, payload));
            }
        }
    }

    private static String outcome(RulePredicate p, ObjectValue payload) {
        try {
            return Boolean.toString(p.test(payload));
        } catch (CelRuleCompiler.RuleEvaluationException e) {
            return "error";
        }
    }

    private static ObjectValue without(ObjectValue v, String member) {
        ObjectValue.Builder b = ObjectValue.builder();
        v.members().forEach((k, x) -> {
            if (!k.equals(member)) {
                b.put(k, x);
            }
        });
        return b.build();
    }

    @Test
    void ruleSetsFromConfluentRequestsMapToCelRules() {
        var node = CanonicalCodec.read("""
                {"domainRules": [{"name": "r1", "kind": "CONDITION", "type": "CEL", "expr": "a > 1", "doc": "a is big"}]}""");
        assertThat(RuleSets.parse(node)).containsExactly(Rule.cel("r1", "a is big", "a > 1"));
        assertThatThrownBy(() -> RuleSets.parse(CanonicalCodec.read("{\"migrationRules\": []}")))
                .hasMessageContaining("ruleSet.migrationRules");
        assertThatThrownBy(() -> RuleSets.parse(CanonicalCodec.read(
                "{\"domainRules\": [{\"name\": \"t\", \"kind\": \"TRANSFORM\", \"type\": \"CEL_FIELD\", \"expr\": \"x\"}]}")))
                .hasMessageContaining("kind TRANSFORM").hasMessageContaining("'t'");
    }
}
