package org.melkit.dataset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Compose;
import org.melkit.effects.Transform;

/**
 * The parameters of {@code melkit augment} ({@link AugmentDataset}).
 *
 * @param copies augmented copies per input (>= 1)
 * @param seed base seed of every random choice (default {@link Transform#DEFAULT_SEED})
 * @param pipeline the transforms ({@link AugmentConfig#defaults()} by default)
 * @param sr load at this rate, or null for each file's native rate (the default)
 */
public record AugmentParams(int copies, long seed, Compose pipeline, Integer sr) {
    public AugmentParams {
        if (copies < 1) {
            throw new IllegalArgumentException("copies=" + copies + " must be >= 1 (augmented files per input); typical: 2 to 5");
        }
        Objects.requireNonNull(pipeline, "pipeline; use AugmentConfig.defaults()");
        if (sr != null && sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz, or null for each file's native rate");
        }
    }

    /** {@code copies} copies with the default seed, the default pipeline, each file's own rate. */
    public static AugmentParams of(int copies) {
        return new AugmentParams(copies, Transform.DEFAULT_SEED, AugmentConfig.defaults(), null);
    }

    public AugmentParams withCopies(int v) { return new AugmentParams(v, seed, pipeline, sr); }

    public AugmentParams withSeed(long v) { return new AugmentParams(copies, v, pipeline, sr); }

    public AugmentParams withPipeline(Compose v) { return new AugmentParams(copies, seed, v, sr); }

    public AugmentParams withSr(Integer v) { return new AugmentParams(copies, seed, pipeline, v); }

    /**
     * The parameters as the manifest records them (snake_case; {@code sr} is {@code "native"}
     * when null; the pipeline as its config JSON): a re-run with other values is refused unless
     * overwrite.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("copies", copies);
        m.put("seed", seed);
        m.put("sr", sr == null ? "native" : sr);
        m.put("pipeline", AugmentConfig.toJsonData(pipeline));
        return m;
    }
}
