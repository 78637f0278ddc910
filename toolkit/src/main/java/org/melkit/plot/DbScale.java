package org.melkit.plot;

import java.util.Locale;

/**
 * The documented, invertible mapping between decibels and 8-bit pixel levels of spectrogram
 * images:
 *
 * <pre>
 *   level = round(255 * clamp((db - floorDb) / (topDb - floorDb), 0, 1))
 *   db    = floorDb + level / 255 * (topDb - floorDb)
 * </pre>
 *
 * so the inverse is exact up to the quantisation step {@code (topDb - floorDb) / 255} (at most
 * half a step of error) for values inside {@code [floorDb, topDb]}; values outside are clipped.
 * {@link #DEFAULT} fits librosa's {@code power_to_db(S, ref=np.max, top_db=80)}, whose values lie
 * in [-80, 0] dB: 0.31 dB per level.
 *
 * @param floorDb the dB value drawn as level 0 (black / darkest)
 * @param topDb the dB value drawn as level 255 (white / brightest); must exceed {@code floorDb}
 */
public record DbScale(double floorDb, double topDb) {
    /** [-80, 0] dB: {@code power_to_db(ref=np.max, top_db=80)}. */
    public static final DbScale DEFAULT = new DbScale(-80, 0);

    public DbScale {
        if (!Double.isFinite(floorDb) || !Double.isFinite(topDb) || !(topDb > floorDb)) {
            throw new IllegalArgumentException("floorDb=" + floorDb + ", topDb=" + topDb
                    + ": need finite values with topDb > floorDb; for power_to_db(ref=max, top_db=80) use -80 and 0");
        }
    }

    /** The level in [0, 255] of {@code db} (NaN maps to 0). */
    public int level(double db) {
        double t = (db - floorDb) / (topDb - floorDb);
        if (!(t > 0)) {
            return 0;
        }
        return t >= 1 ? 255 : (int) Math.round(255 * t);
    }

    /** The dB value a level stands for: the inverse of {@link #level}. */
    public double db(int level) {
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("level=" + level + " must be in [0, 255]");
        }
        return floorDb + level / 255.0 * (topDb - floorDb);
    }

    /** dB per level: the largest round-trip error is half of it. */
    public double step() {
        return (topDb - floorDb) / 255.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DbScale[%.1f dB -> 0, %.1f dB -> 255, %.3f dB/level]", floorDb, topDb, step());
    }
}
