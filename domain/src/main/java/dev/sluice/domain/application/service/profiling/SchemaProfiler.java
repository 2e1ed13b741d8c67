package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.application.service.profiling.text.CsvOptions;
import dev.sluice.domain.application.service.profiling.text.CsvRecord;
import dev.sluice.domain.application.service.profiling.text.CsvTableReader;
import dev.sluice.domain.application.service.profiling.text.JsonDocument;
import dev.sluice.domain.application.service.profiling.text.JsonDocumentFormat;
import dev.sluice.domain.application.service.profiling.text.JsonDocumentReader;
import dev.sluice.domain.application.service.profiling.text.JsonReaderOptions;
import dev.sluice.domain.model.payload.ArrayValue;
import dev.sluice.domain.model.payload.BooleanValue;
import dev.sluice.domain.model.payload.NullValue;
import dev.sluice.domain.model.payload.NumberValue;
import dev.sluice.domain.model.payload.ObjectValue;
import dev.sluice.domain.model.payload.PayloadValue;
import dev.sluice.domain.model.payload.StringValue;
import dev.sluice.domain.model.profile.ObservedType;
import dev.sluice.domain.model.profile.PathProfile;
import dev.sluice.domain.model.profile.ProfileError;
import dev.sluice.domain.model.profile.ProfileResult;

import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Infers a schema from documents (JSON objects) or rows (CSV) fed one at a time, streaming (seed
 * 004's arrival profiler). Its state is one fixed-size {@link PathNode} per distinct field path, at
 * most {@link ProfilerOptions#maxPaths()} of them: it does not grow with the number of documents or
 * values, so a gigabyte needs no more memory than a megabyte. Values of paths beyond the limit are
 * counted in {@link ProfileResult#overflowValues()} and dropped.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Create a profiler.</li>
 *   <li>Feed it: {@link #add(PayloadValue, long, long)} and {@link #addRow(List, List)} for single
 *       values, {@link #feed(JsonDocumentReader)} and {@link #feed(CsvTableReader)} for whole inputs,
 *       {@link #addMalformed(long, long, long, String)} for documents that failed to parse. Several
 *       inputs may be fed to one profiler.</li>
 *   <li>Take the {@link #result()}, as often as wanted; it is a snapshot.</li>
 * </ol>
 * Malformed documents are counted and skipped, never fatal. Not thread-safe.
 */
public final class SchemaProfiler {

    private final ProfilerOptions options;
    private final int precision;
    private final PathNode root = new PathNode("$");
    private final List<PathNode> nodes = new ArrayList<>();
    private final List<ProfileError> errors = new ArrayList<>();
    private long documents;
    private long malformed;
    private long overflowValues;
    private long skippedMembers;

    public SchemaProfiler() {
        this(ProfilerOptions.DEFAULTS);
    }

    public SchemaProfiler(ProfilerOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.precision = options.sketchPrecision();
    }

    /** Profiles a JSON input with default limits. */
    public static ProfileResult profileJson(InputStream in, JsonDocumentFormat format) {
        try (JsonDocumentReader documents = JsonDocumentReader.of(in, format, JsonReaderOptions.DEFAULTS)) {
            return new SchemaProfiler().feed(documents).result();
        }
    }

    /** Profiles a CSV input with default limits. */
    public static ProfileResult profileCsv(Reader in, CsvOptions options) {
        try (CsvTableReader rows = CsvTableReader.open(in, options)) {
            return new SchemaProfiler().feed(rows).result();
        }
    }

    /** Profiles every document of {@code input}; does not close it. */
    public SchemaProfiler feed(JsonDocumentReader input) {
        requireNonNull(input, "input is null");
        for (JsonDocument document = input.next(); document != null; document = input.next()) {
            switch (document) {
                case JsonDocument.Parsed p -> add(p.value(), p.index(), p.line());
                case JsonDocument.Malformed m -> addMalformed(m.index(), m.line(), m.column(), m.message());
            }
        }
        return this;
    }

    /** Profiles every row of {@code input}, each cell as the text it is; does not close it. */
    public SchemaProfiler feed(CsvTableReader input) {
        requireNonNull(input, "input is null");
        List<String> columns = input.columns();
        for (CsvRecord record = input.next(); record != null; record = input.next()) {
            switch (record) {
                case CsvRecord.Row row -> addRow(columns, row.cells());
                case CsvRecord.Malformed m -> addMalformed(m.index(), m.line(), m.column(), m.message());
            }
        }
        return this;
    }

    /**
     * Profiles one document. A document must be an object: anything else is counted as malformed.
     *
     * @param index the document's 0-based index in its input, for the error report
     * @param line the document's 1-based line, for the error report
     */
    public void add(PayloadValue document, long index, long line) {
        requireNonNull(document, "document is null");
        if (!(document instanceof ObjectValue object)) {
            addMalformed(index, line, 1, "document is " + document.kind() + ", not an object");
            return;
        }
        documents++;
        root.objects++;
        members(root, object);
    }

    /** Profiles one CSV row: {@code cells.get(i)} is the text of column {@code columns.get(i)}, null when empty. */
    public void addRow(List<String> columns, List<String> cells) {
        requireNonNull(columns, "columns is null");
        requireNonNull(cells, "cells is null");
        if (columns.size() != cells.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + columns.size() + " columns");
        }
        documents++;
        root.objects++;
        for (int i = 0; i < cells.size(); i++) {
            PathNode node = child(root, columns.get(i));
            if (node != null) {
                text(node, cells.get(i));
            }
        }
    }

    /** Counts a malformed document, keeping its position while the sample has room. */
    public void addMalformed(long index, long line, long column, String message) {
        malformed++;
        if (errors.size() < options.maxErrorSamples()) {
            errors.add(new ProfileError(index, line, column, message));
        }
    }

    /** The number of paths profiled so far, at most {@link ProfilerOptions#maxPaths()}. */
    public int pathCount() {
        return nodes.size();
    }

    /**
     * The approximate bytes of state held, from the actual structures: per path its fields, name,
     * sketch registers and child map, plus the error sample. Bounded by the options alone.
     */
    public long retainedBytes() {
        long bytes = 256 + root.retainedBytes() + 8L * nodes.size() + 96L * errors.size();
        for (PathNode node : nodes) {
            bytes += node.retainedBytes();
        }
        return bytes;
    }

    /** A snapshot of what has been learned so far. */
    public ProfileResult result() {
        Map<String, PathProfile> paths = new LinkedHashMap<>();
        for (PathNode node : nodes) {
            paths.put(node.path, node.snapshot(precision));
        }
        return new ProfileResult(documents, malformed, errors, overflowValues, skippedMembers, paths);
    }

    private void members(PathNode parent, ObjectValue object) {
        for (Map.Entry<String, PayloadValue> member : object.members().entrySet()) {
            PathNode node = child(parent, member.getKey());
            if (node != null) {
                value(node, member.getValue());
            }
        }
    }

    private void value(PathNode node, PayloadValue value) {
        node.present++;
        node.sawJson = true;
        switch (value) {
            case NullValue n -> node.nulls++;
            case BooleanValue b -> {
                node.shape(ObservedType.BOOLEAN);
                node.distinct(ValueHash.ofBoolean(b.value()), precision);
            }
            case NumberValue n -> {
                Number number = n.value();
                node.shape(number instanceof Long ? ObservedType.LONG : ObservedType.DOUBLE);
                node.distinct(ValueHash.ofNumber(number), precision);
                node.number(number.doubleValue());
            }
            case StringValue s -> string(node, s.value());
            case ObjectValue o -> {
                node.shape(ObservedType.OBJECT);
                node.objects++;
                members(node, o);
            }
            case ArrayValue a -> {
                node.shape(ObservedType.ARRAY);
                if (a.size() > 0) {
                    PathNode element = element(node, a.size());
                    if (element != null) {
                        for (PayloadValue e : a.elements()) {
                            value(element, e);
                        }
                    }
                }
            }
        }
    }

    private void string(PathNode node, String s) {
        // Once a plain string was seen, the path is STRING whatever else its strings hold: skip the parsing.
        node.shape(node.has(ObservedType.STRING) ? ObservedType.STRING : ObservedType.ofString(s));
        node.length(s.length());
        node.distinct(ValueHash.ofString(s), precision);
    }

    private void text(PathNode node, String cell) {
        node.present++;
        node.sawText = true;
        if (cell == null) {
            node.nulls++;
            return;
        }
        ObservedType number = ObservedType.numberShape(cell);
        if (number != null) {
            node.shape(number);
            node.number(Double.parseDouble(cell));
            node.length(cell.length());
            node.distinct(ValueHash.ofString(cell), precision);
        } else if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
            node.shape(ObservedType.BOOLEAN);
            node.length(cell.length());
            node.distinct(ValueHash.ofString(cell.toLowerCase(java.util.Locale.ROOT)), precision);
        } else {
            string(node, cell);
        }
    }

    private PathNode child(PathNode parent, String name) {
        HashMap<String, PathNode> children = parent.children;
        PathNode node = children == null ? null : children.get(name);
        if (node != null) {
            return node;
        }
        if (!isFieldName(name)) {
            skippedMembers++;
            return null;
        }
        if (nodes.size() >= options.maxPaths()) {
            overflowValues++;
            return null;
        }
        node = new PathNode(parent == root ? name : parent.path + "." + name);
        if (children == null) {
            parent.children = children = new HashMap<>();
        }
        children.put(name, node);
        nodes.add(node);
        return node;
    }

    private PathNode element(PathNode container, int size) {
        if (container.element == null) {
            if (nodes.size() >= options.maxPaths()) {
                overflowValues += size;
                return null;
            }
            container.element = new PathNode(container.path + "[]");
            nodes.add(container.element);
        }
        return container.element;
    }

    /** A member name can be a field name unless it is empty or holds a path separator. */
    static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '{' || c == '}') {
                return false;
            }
        }
        return !name.isBlank();
    }
}
