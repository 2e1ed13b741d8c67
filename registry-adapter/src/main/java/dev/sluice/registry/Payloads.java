package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between Jackson trees and the domain's payload model. */
final class Payloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Payloads() {
    }

    static PayloadValue fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.INSTANCE;
        }
        if (node.isTextual()) {
            return new StringValue(node.textValue());
        }
        if (node.isBoolean()) {
            return BooleanValue.of(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? NumberValue.of(node.longValue()) : NumberValue.of(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            return Double.isFinite(d) ? NumberValue.of(d) : NumberValue.of(node.decimalValue());
        }
        if (node.isArray()) {
            List<PayloadValue> elements = new ArrayList<>(node.size());
            node.forEach(e -> elements.add(fromJson(e)));
            return new ArrayValue(elements);
        }
        if (node.isObject()) {
            Map<String, PayloadValue> members = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                members.put(e.getKey(), fromJson(e.getValue()));
            }
            return new ObjectValue(members);
        }
        throw new IllegalArgumentException("Cannot convert JSON node of type " + node.getNodeType());
    }

    static JsonNode toJson(PayloadValue value) {
        return switch (value) {
            case NullValue n -> NODES.nullNode();
            case StringValue s -> NODES.textNode(s.value());
            case BooleanValue b -> NODES.booleanNode(b.value());
            case NumberValue n -> switch (n.value()) {
                case Long l -> NODES.numberNode(l);
                case Double d -> NODES.numberNode(d);
                case BigDecimal bd -> NODES.numberNode(bd);
                default -> NODES.numberNode(n.asBigDecimal());
            };
            case ArrayValue a -> {
                ArrayNode arr = NODES.arrayNode();
                a.elements().forEach(e -> arr.add(toJson(e)));
                yield arr;
            }
            case ObjectValue o -> {
                ObjectNode obj = NODES.objectNode();
                o.members().forEach((k, v) -> obj.set(k, toJson(v)));
                yield obj;
            }
        };
    }

    /** Converts a payload value to the plain Java value CEL's runtime expects. */
    static Object toCel(PayloadValue value) {
        return switch (value) {
            case NullValue n -> dev.cel.common.values.NullValue.NULL_VALUE;
            case StringValue s -> s.value();
            case BooleanValue b -> b.value();
            case NumberValue n -> n.value() instanceof Long l ? l : (Object) n.asDouble();
            case ArrayValue a -> {
                List<Object> out = new ArrayList<>(a.size());
                a.elements().forEach(e -> out.add(toCel(e)));
                yield out;
            }
            case ObjectValue o -> {
                Map<String, Object> out = new LinkedHashMap<>();
                o.members().forEach((k, v) -> out.put(k, toCel(v)));
                yield out;
            }
        };
    }
}
