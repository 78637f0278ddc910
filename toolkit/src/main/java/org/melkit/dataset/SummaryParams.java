package org.melkit.dataset;

/**
 * Parameters of {@link MusicSummary}: load at {@code sr}, {@code nMfcc} MFCC means, and with
 * {@code pca} (null: none) that many principal-component columns. Defaults ({@link #DEFAULT}):
 * 22050 Hz (librosa's load default), 13 MFCCs (recipe_c), no PCA.
 */
public record SummaryParams(int sr, int nMfcc, Integer pca) {
    public static final SummaryParams DEFAULT = new SummaryParams(22050, 13, null);

    public SummaryParams {
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 (librosa: sr); typical: 22050");
        }
        if (nMfcc <= 0) {
            throw new IllegalArgumentException("nMfcc=" + nMfcc + " must be > 0 (librosa: n_mfcc); typical: 13");
        }
        if (pca != null && (pca < 1 || pca > nMfcc + 2)) {
            throw new IllegalArgumentException("pca=" + pca + " must be in [1, nMfcc + 2 = " + (nMfcc + 2)
                    + "] (one component per feature column at most), or null for no PCA");
        }
    }

    public SummaryParams withSr(int sr) { return new SummaryParams(sr, nMfcc, pca); }

    public SummaryParams withNMfcc(int nMfcc) { return new SummaryParams(sr, nMfcc, pca); }

    public SummaryParams withPca(Integer pca) { return new SummaryParams(sr, nMfcc, pca); }
}
