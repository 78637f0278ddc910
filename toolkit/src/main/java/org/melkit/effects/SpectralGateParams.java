package org.melkit.effects;

import org.melkit.dsp.StftParams;

/**
 * Parameters of stationary spectral gating ({@link SpectralGate}), named after
 * {@code noisereduce.reduce_noise(stationary=True)} (noisereduce 3.x).
 *
 * <p>{@link #noisereduce()} gives noisereduce's defaults exactly. {@link #defaults()} differs in
 * two places, chosen by measurement (speech from espeak-ng at 22050 Hz with white noise at
 * 10 dB SNR; output SNR against the clean speech, see {@code SpectralGateTest}): the noise
 * profile comes from the quietest 20% of frames instead of the whole signal, and the mask is not
 * smoothed. Measured: melkit's defaults 16.4 dB; noisereduce's smoothing (500 Hz, 50 ms) with the
 * quietest-20% profile 11.0 dB; noisereduce's defaults (whole-signal profile and smoothing) 4.1 dB.
 * The smoothing exists to avoid "musical noise" (isolated surviving bins that sound like
 * tinkling) but halves narrow speech harmonics; turn it on with
 * {@link #withFreqMaskSmoothHz}/{@link #withTimeMaskSmoothMs} when the output is for listening.
 *
 * @param nFft FFT size (noisereduce: {@code n_fft=1024})
 * @param winLength window length, {@code <= nFft} (noisereduce: {@code win_length=n_fft})
 * @param hopLength hop (noisereduce: {@code hop_length=win_length//4})
 * @param nStdThresh a bin is signal when its dB exceeds the noise mean by this many noise standard
 *                   deviations (noisereduce: {@code n_std_thresh_stationary=1.5})
 * @param propDecrease how far noise bins are attenuated, in [0, 1]: 1 removes them, 0.5 halves
 *                     their amplitude (noisereduce: {@code prop_decrease=1.0})
 * @param freqMaskSmoothHz width of the mask smoothing over frequency, or {@code null} for none
 *                         (melkit: none; noisereduce: {@code freq_mask_smooth_hz=500})
 * @param timeMaskSmoothMs width of the mask smoothing over time, or {@code null} for none
 *                         (melkit: none; noisereduce: {@code time_mask_smooth_ms=50})
 * @param quietestFraction when no noise clip is given, the noise profile is taken from this
 *                         fraction of the signal's frames with the least energy, in (0, 1]
 *                         (melkit's default 0.2; 1.0 = the whole signal, noisereduce's
 *                         {@code y_noise=None})
 */
public record SpectralGateParams(int nFft, int winLength, int hopLength, double nStdThresh, double propDecrease,
        Double freqMaskSmoothHz, Double timeMaskSmoothMs, double quietestFraction) {

    public SpectralGateParams {
        if (nFft < 2) {
            throw new IllegalArgumentException("nFft=" + nFft + " must be >= 2 (noisereduce: n_fft); typical: 1024");
        }
        if (winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("winLength=" + winLength + " must be in [1, nFft=" + nFft + "] (noisereduce: win_length)");
        }
        if (hopLength < 1) {
            throw new IllegalArgumentException("hopLength=" + hopLength + " must be > 0 (noisereduce: hop_length); typical: winLength/4 = "
                    + Math.max(1, winLength / 4));
        }
        if (!(nStdThresh >= 0) || Double.isInfinite(nStdThresh)) {
            throw new IllegalArgumentException("nStdThresh=" + nStdThresh + " must be a finite number >= 0 (noisereduce: n_std_thresh_stationary); typical: 1.5");
        }
        if (!(propDecrease >= 0 && propDecrease <= 1)) {
            throw new IllegalArgumentException("propDecrease=" + propDecrease + " must be in [0, 1] (noisereduce: prop_decrease); 1 removes noise bins fully");
        }
        if (freqMaskSmoothHz != null && !(freqMaskSmoothHz > 0)) {
            throw new IllegalArgumentException("freqMaskSmoothHz=" + freqMaskSmoothHz + " must be > 0 or null for no smoothing (noisereduce: freq_mask_smooth_hz); typical: 500");
        }
        if (timeMaskSmoothMs != null && !(timeMaskSmoothMs > 0)) {
            throw new IllegalArgumentException("timeMaskSmoothMs=" + timeMaskSmoothMs + " must be > 0 or null for no smoothing (noisereduce: time_mask_smooth_ms); typical: 50");
        }
        if (!(quietestFraction > 0 && quietestFraction <= 1)) {
            throw new IllegalArgumentException("quietestFraction=" + quietestFraction + " must be in (0, 1]; typical: 0.2, or 1 for the whole signal");
        }
    }

    /**
     * melkit's defaults: noisereduce's STFT ({@code n_fft=1024}, hop 256), threshold
     * ({@code n_std=1.5}) and {@code prop_decrease=1}, no mask smoothing, noise profile from the
     * quietest 20% of frames (see the class comment for why).
     */
    public static SpectralGateParams defaults() {
        return new SpectralGateParams(1024, 1024, 256, 1.5, 1.0, null, null, 0.2);
    }

    /**
     * noisereduce's {@code reduce_noise(stationary=True)} defaults: {@code n_fft=1024}, hop 256,
     * {@code n_std_thresh_stationary=1.5}, {@code prop_decrease=1}, smoothing 500 Hz by 50 ms, and the
     * whole signal as the noise profile ({@code y_noise=None}).
     */
    public static SpectralGateParams noisereduce() {
        return new SpectralGateParams(1024, 1024, 256, 1.5, 1.0, 500.0, 50.0, 1.0);
    }

    /** A copy with FFT size {@code v} and, as noisereduce derives them, {@code winLength = v}, {@code hopLength = v/4}. */
    public SpectralGateParams withNFft(int v) {
        return new SpectralGateParams(v, v, Math.max(1, v / 4), nStdThresh, propDecrease, freqMaskSmoothHz, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withWinLength(int v) {
        return new SpectralGateParams(nFft, v, hopLength, nStdThresh, propDecrease, freqMaskSmoothHz, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withHopLength(int v) {
        return new SpectralGateParams(nFft, winLength, v, nStdThresh, propDecrease, freqMaskSmoothHz, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withNStdThresh(double v) {
        return new SpectralGateParams(nFft, winLength, hopLength, v, propDecrease, freqMaskSmoothHz, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withPropDecrease(double v) {
        return new SpectralGateParams(nFft, winLength, hopLength, nStdThresh, v, freqMaskSmoothHz, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withFreqMaskSmoothHz(Double v) {
        return new SpectralGateParams(nFft, winLength, hopLength, nStdThresh, propDecrease, v, timeMaskSmoothMs, quietestFraction);
    }

    public SpectralGateParams withTimeMaskSmoothMs(Double v) {
        return new SpectralGateParams(nFft, winLength, hopLength, nStdThresh, propDecrease, freqMaskSmoothHz, v, quietestFraction);
    }

    public SpectralGateParams withQuietestFraction(double v) {
        return new SpectralGateParams(nFft, winLength, hopLength, nStdThresh, propDecrease, freqMaskSmoothHz, timeMaskSmoothMs, v);
    }

    /** The STFT these parameters imply: periodic Hann, centred, zero padding (melkit's one STFT path). */
    public StftParams stft() {
        return StftParams.of(nFft, hopLength).withWinLength(winLength);
    }
}
