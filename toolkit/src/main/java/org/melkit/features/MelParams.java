package org.melkit.features;

import org.melkit.dsp.MelFilterbank;
import org.melkit.dsp.MelNorm;
import org.melkit.dsp.PadMode;
import org.melkit.dsp.StftParams;
import org.melkit.dsp.WindowType;

/**
 * Parameters of librosa 0.11's {@code feature.melspectrogram(y, sr, n_fft=2048, hop_length=512,
 * win_length=None, window='hann', center=True, pad_mode='constant', power=2.0, n_mels=128,
 * fmin=0.0, fmax=None, htk=False, norm='slaney')}.
 *
 * @param sr sample rate of the audio in Hz (librosa's default 22050)
 * @param stft the STFT parameters
 * @param power exponent of the magnitude: 2 power (default), 1 energy
 * @param nMels number of mel bands (default 128)
 * @param fmin lowest frequency in Hz (default 0)
 * @param fmax highest frequency in Hz, {@code null} for {@code sr/2}
 * @param htk HTK mel scale (default false: Slaney)
 * @param norm filter normalisation (default {@link MelNorm#SLANEY})
 */
public record MelParams(int sr, StftParams stft, double power, int nMels, double fmin, Double fmax, boolean htk, MelNorm norm) {

    public MelParams {
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz (librosa: sr)");
        }
        if (stft == null) {
            throw new IllegalArgumentException("stft=null; use StftParams.of(2048, 512)");
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power=" + power + " must be > 0 (librosa: power); 2 for power, 1 for magnitude");
        }
        filterbankSpec(sr, stft.nFft(), nMels, fmin, fmax, htk, norm); // validates the rest
    }

    private static MelFilterbank.Spec filterbankSpec(int sr, int nFft, int nMels, double fmin, Double fmax, boolean htk, MelNorm norm) {
        return new MelFilterbank.Spec(sr, nFft, nMels, fmin, fmax, htk, norm);
    }

    /** librosa's defaults at {@code sr}: n_fft 2048, hop 512, 128 Slaney mels, power 2. */
    public static MelParams of(int sr) {
        return new MelParams(sr, StftParams.of(2048, 512), 2.0, 128, 0.0, null, false, MelNorm.SLANEY);
    }

    /** {@code of(sr)} with the given FFT size, hop and band count. */
    public static MelParams of(int sr, int nFft, int hopLength, int nMels) {
        return new MelParams(sr, StftParams.of(nFft, hopLength), 2.0, nMels, 0.0, null, false, MelNorm.SLANEY);
    }

    public MelFilterbank.Spec filterbank() {
        return filterbankSpec(sr, stft.nFft(), nMels, fmin, fmax, htk, norm);
    }

    public MelParams withSr(int v) { return new MelParams(v, stft, power, nMels, fmin, fmax, htk, norm); }

    public MelParams withStft(StftParams v) { return new MelParams(sr, v, power, nMels, fmin, fmax, htk, norm); }

    public MelParams withNFft(int v) { return withStft(stft.withNFft(v)); }

    public MelParams withHopLength(int v) { return withStft(stft.withHopLength(v)); }

    public MelParams withWindow(WindowType v) { return withStft(stft.withWindow(v)); }

    public MelParams withCenter(boolean v) { return withStft(stft.withCenter(v)); }

    public MelParams withPadMode(PadMode v) { return withStft(stft.withPadMode(v)); }

    public MelParams withPower(double v) { return new MelParams(sr, stft, v, nMels, fmin, fmax, htk, norm); }

    public MelParams withNMels(int v) { return new MelParams(sr, stft, power, v, fmin, fmax, htk, norm); }

    public MelParams withFmin(double v) { return new MelParams(sr, stft, power, nMels, v, fmax, htk, norm); }

    public MelParams withFmax(Double v) { return new MelParams(sr, stft, power, nMels, fmin, v, htk, norm); }

    public MelParams withHtk(boolean v) { return new MelParams(sr, stft, power, nMels, fmin, fmax, v, norm); }

    public MelParams withNorm(MelNorm v) { return new MelParams(sr, stft, power, nMels, fmin, fmax, htk, v); }
}
