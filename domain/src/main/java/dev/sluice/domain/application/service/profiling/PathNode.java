package dev.sluice.domain.application.service.profiling;

import dev.sluice.domain.model.profile.DistinctSketch;
import dev.sluice.domain.model.profile.ObservedType;
import dev.sluice.domain.model.profile.PathProfile;

import java.util.EnumSet;
import java.util.HashMap;

/** The mutable profile of one path while profiling. Fixed size apart from the children map. */
final class PathNode {

    private static final ObservedType[] SHAPES = ObservedType.values();

    final String path;
    long present;
    long nulls;
    long objects;
    long numericCount;
    double numericMean = Double.NaN;
    int shapes;
    boolean sawJson;
    boolean sawText;
    int minLength = -1;
    int maxLength = -1;
    byte[] registers;
    HashMap<String, PathNode> children;
    PathNode element;

    PathNode(String path) {
        this.path = path;
    }

    boolean has(ObservedType shape) {
        return (shapes & 1 << shape.ordinal()) != 0;
    }

    void shape(ObservedType shape) {
        shapes |= 1 << shape.ordinal();
    }

    void distinct(long hash, int precision) {
        if (registers == null) {
            registers = new byte[1 << precision];
        }
        int index = DistinctSketch.registerIndex(hash, precision);
        int rank = DistinctSketch.rank(hash, precision);
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void number(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        numericCount++;
        numericMean = numericCount == 1 ? value : numericMean + (value - numericMean) / numericCount;
    }

    void length(int length) {
        if (maxLength == -1) {
            minLength = length;
            maxLength = length;
        } else if (length < minLength) {
            minLength = length;
        } else if (length > maxLength) {
            maxLength = length;
        }
    }

    /** The bytes this node holds, approximately: header and fields, the path, the sketch, its share of the map. */
    long retainedBytes() {
        long bytes = 112 + 48 + 2L * path.length();
        if (registers != null) {
            bytes += 16 + registers.length;
        }
        if (children != null) {
            bytes += 64 + 48L * children.size() + 8L * Integer.highestOneBit(Math.max(1, children.size()) * 2);
        }
        return bytes;
    }

    PathProfile snapshot(int precision) {
        EnumSet<ObservedType> set = EnumSet.noneOf(ObservedType.class);
        for (ObservedType s : SHAPES) {
            if (has(s)) {
                set.add(s);
            }
        }
        DistinctSketch sketch = registers == null ? DistinctSketch.empty(precision) : DistinctSketch.of(precision, registers);
        return new PathProfile(path, set, sawText && !sawJson, present, nulls, objects, numericCount, numericMean,
                minLength, maxLength, sketch);
    }
}
