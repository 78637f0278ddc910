package org.melkit.dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.melkit.ml.Splits;

/**
 * Parameters of {@link EmotionCorpora} ({@code melkit corpora}): the per-clip spectrogram
 * (recipe_a, default 22050 Hz, n_fft 2048, hop 512, 128 mels, top_db 80, 128 frames), the test
 * share and seed of the split (sklearn's {@code test_size=0.2}, seed 42), and whether whole
 * speakers stay on one side.
 *
 * @param features the per-clip spectrogram recipe
 * @param testSize share of items in the test split, in (0, 1) (sklearn: test_size)
 * @param seed seed of every random step (shuffles and the speaker choice)
 * @param groupBy {@link GroupBy#NONE}: stratified by label; {@link GroupBy#SPEAKER}: speaker-disjoint
 */
public record CorporaParams(MelDbParams features, double testSize, long seed, GroupBy groupBy) {
    /** {@code melkit corpora}'s defaults. */
    public static final CorporaParams DEFAULT = new CorporaParams(MelDbParams.DEFAULT.withFrames(128), 0.2, 42, GroupBy.NONE);

    /** How the split treats speakers. */
    public enum GroupBy {
        /** Items are split independently, stratified by label. */
        NONE,
        /** Every speaker's items go to the same side. */
        SPEAKER;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        /** {@code none} or {@code speaker}. */
        public static GroupBy parse(String s) {
            for (GroupBy g : values()) {
                if (g.id().equalsIgnoreCase(s)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("groupBy=" + s + " must be none or speaker");
        }
    }

    public CorporaParams {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(groupBy, "groupBy");
        Splits.checkTestSize(testSize);
    }

    public CorporaParams withFeatures(MelDbParams v) { return new CorporaParams(v, testSize, seed, groupBy); }

    public CorporaParams withTestSize(double v) { return new CorporaParams(features, v, seed, groupBy); }

    public CorporaParams withSeed(long v) { return new CorporaParams(features, testSize, v, groupBy); }

    public CorporaParams withGroupBy(GroupBy v) { return new CorporaParams(features, testSize, seed, v); }

    /** The parameters under their CLI/JSON names (snake_case), for manifests. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(features.toMap());
        m.put("test_size", testSize);
        m.put("seed", seed);
        m.put("group_by", groupBy.id());
        return m;
    }
}
