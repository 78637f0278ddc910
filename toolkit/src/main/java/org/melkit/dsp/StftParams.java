package org.melkit.dsp;

/**
 * Short-time Fourier transform parameters, librosa 0.11's {@code stft} defaults.
 *
 * @param nFft FFT size (librosa: {@code n_fft=2048}, 93 ms at 22050 Hz)
 * @param hopLength samples between frames (librosa: {@code hop_length=n_fft//4})
 * @param winLength window length, zero-padded to {@code nFft} and centred (librosa: {@code win_length=n_fft})
 * @param window window function (librosa: periodic {@code 'hann'})
 * @param center pad so that frame {@code t} is centred at sample {@code t * hopLength} (librosa: {@code True})
 * @param padMode padding used when centred (librosa: {@code 'constant'}, zeros)
 */
public record StftParams(int nFft, int hopLength, int winLength, WindowType window, boolean center, PadMode padMode) {

    public StftParams {
        if (nFft <= 0) {
            throw new IllegalArgumentException("nFft=" + nFft + " must be > 0 (librosa: n_fft); typical: 2048");
        }
        if (hopLength <= 0) {
            throw new IllegalArgumentException("hopLength=" + hopLength + " must be > 0 (librosa: hop_length); typical: nFft/4 = " + Math.max(1, nFft / 4));
        }
        if (winLength <= 0 || winLength > nFft) {
            throw new IllegalArgumentException("winLength=" + winLength + " must be in [1, nFft=" + nFft + "] (librosa: win_length)");
        }
        if (window == null) {
            throw new IllegalArgumentException("window=null; use WindowType.HANN (librosa's default)");
        }
        if (padMode == null) {
            throw new IllegalArgumentException("padMode=null; use PadMode.CONSTANT (librosa's default)");
        }
    }

    /** librosa's defaults for {@code n_fft}: hop {@code nFft/4}, periodic Hann, centred, zero padding. */
    public static StftParams of(int nFft) {
        return new StftParams(nFft, Math.max(1, nFft / 4), nFft, WindowType.HANN, true, PadMode.CONSTANT);
    }

    /** {@code of(nFft)} with the given hop. */
    public static StftParams of(int nFft, int hopLength) {
        return new StftParams(nFft, hopLength, nFft, WindowType.HANN, true, PadMode.CONSTANT);
    }

    /** librosa's defaults: {@code n_fft=2048, hop_length=512}. */
    public static StftParams defaults() {
        return of(2048);
    }

    public StftParams withNFft(int v) {
        return new StftParams(v, hopLength, winLength == nFft ? v : winLength, window, center, padMode);
    }

    public StftParams withHopLength(int v) { return new StftParams(nFft, v, winLength, window, center, padMode); }

    public StftParams withWinLength(int v) { return new StftParams(nFft, hopLength, v, window, center, padMode); }

    public StftParams withWindow(WindowType v) { return new StftParams(nFft, hopLength, winLength, v, center, padMode); }

    public StftParams withCenter(boolean v) { return new StftParams(nFft, hopLength, winLength, window, v, padMode); }

    public StftParams withPadMode(PadMode v) { return new StftParams(nFft, hopLength, winLength, window, center, v); }

    /**
     * The analysis window as applied: {@code window} of {@code winLength} samples, zero-padded
     * and centred to {@code nFft} (librosa's {@code pad_center(get_window(...), size=n_fft)}).
     */
    public double[] paddedWindow() {
        double[] w = window.cached(winLength);
        double[] padded = new double[nFft];
        System.arraycopy(w, 0, padded, (nFft - winLength) / 2, w.length);
        return padded;
    }

    /** Frequency bins: {@code 1 + nFft/2}. */
    public int bins() { return nFft / 2 + 1; }

    /**
     * Frames for {@code n} samples: {@code 1 + n/hop} centred, {@code 1 + (n - nFft)/hop} otherwise.
     *
     * @throws IllegalArgumentException when not centred and {@code nFft > n}, as librosa
     */
    public int frameCount(int n) {
        return Frames.count(n, nFft, hopLength, center);
    }
}
