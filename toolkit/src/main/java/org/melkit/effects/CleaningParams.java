package org.melkit.effects;

/**
 * What {@link Cleaning} does to a clip, each step optional. Applied in this order:
 * noise reduction, silence trimming, peak normalisation (see {@link Cleaning} for why).
 *
 * @param denoise apply {@link SpectralGate} with {@code gate}
 * @param gate spectral gating parameters (used when {@code denoise})
 * @param trimTopDb trim leading/trailing audio more than this many dB below the peak RMS frame
 *                  (librosa's {@code effects.trim(top_db=...)}, frames 2048/hop 512), or
 *                  {@code null} for no trimming; typical 60
 * @param peakTarget scale to this peak in (0, 1], or {@code null} to keep the level; typical 0.99
 */
public record CleaningParams(boolean denoise, SpectralGateParams gate, Double trimTopDb, Double peakTarget) {
    public CleaningParams {
        if (gate == null) {
            throw new IllegalArgumentException("gate=null; use SpectralGateParams.defaults()");
        }
        if (trimTopDb != null && (!(trimTopDb >= 0) || trimTopDb.isInfinite())) {
            throw new IllegalArgumentException("trimTopDb=" + trimTopDb + " must be a finite number >= 0 dB or null for no trimming (librosa: top_db); typical: 60");
        }
        if (peakTarget != null) {
            Normalization.checkTarget(peakTarget);
        }
    }

    /** Nothing: the clip passes unchanged. */
    public static CleaningParams none() {
        return new CleaningParams(false, SpectralGateParams.defaults(), null, null);
    }

    public CleaningParams withDenoise(boolean v) { return new CleaningParams(v, gate, trimTopDb, peakTarget); }

    public CleaningParams withGate(SpectralGateParams v) { return new CleaningParams(denoise, v, trimTopDb, peakTarget); }

    public CleaningParams withTrimTopDb(Double v) { return new CleaningParams(denoise, gate, v, peakTarget); }

    public CleaningParams withPeakTarget(Double v) { return new CleaningParams(denoise, gate, trimTopDb, v); }
}
