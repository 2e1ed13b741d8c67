package dev.sluice.domain.application.service.diff;

import dev.sluice.domain.model.profile.FieldStats;

/**
 * How alike the profiles of two fields are, in [0, 1], or NaN when nothing comparable is known.
 * It compares the shape of the values, not the volume: the two versions were profiled over
 * different samples, so counts differ even for the same field.
 *
 * <p>The score is the mean of the components both profiles have: null-rate closeness
 * ({@code 1 - |a - b|}), distinct-count ratio ({@code min / max}), overlap of the string length
 * ranges (intersection over union), and closeness of numeric means ({@code 1 - |a - b| / max(|a|, |b|)}).
 */
final class StatsSimilarity {

    private StatsSimilarity() {
    }

    static double similarity(FieldStats a, FieldStats b) {
        if (a == null || b == null || a.present() == 0 || b.present() == 0) {
            return Double.NaN;
        }
        double sum = 1.0 - Math.abs(a.nullRate() - b.nullRate());
        int parts = 1;
        long da = a.distinctEstimate();
        long db = b.distinctEstimate();
        if (da > 0 || db > 0) {
            sum += (double) Math.min(da, db) / Math.max(da, db);
            parts++;
        }
        if (a.minLength() >= 0 && b.minLength() >= 0 && a.maxLength() >= 0 && b.maxLength() >= 0) {
            int lo = Math.max(a.minLength(), b.minLength());
            int hi = Math.min(a.maxLength(), b.maxLength());
            int unionLo = Math.min(a.minLength(), b.minLength());
            int unionHi = Math.max(a.maxLength(), b.maxLength());
            sum += hi < lo ? 0.0 : (double) (hi - lo + 1) / (unionHi - unionLo + 1);
            parts++;
        }
        if (!Double.isNaN(a.numericMean()) && !Double.isNaN(b.numericMean())) {
            double scale = Math.max(Math.abs(a.numericMean()), Math.abs(b.numericMean()));
            sum += scale == 0.0 ? 1.0 : Math.max(0.0, 1.0 - Math.abs(a.numericMean() - b.numericMean()) / scale);
            parts++;
        }
        return sum / parts;
    }
}
