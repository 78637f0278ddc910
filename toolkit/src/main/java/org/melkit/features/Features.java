package org.melkit.features;

import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/**
 * One-liners with librosa 0.11's names and defaults, for notebooks:
 * {@code Features.melspectrogram(y, sr)} is {@code librosa.feature.melspectrogram(y=y, sr=sr)}.
 * Each builds (cached) extractors; for many clips keep a configured {@link MelSpectrogram} or
 * {@link Mfcc} instead.
 */
public final class Features {
    private Features() {}

    /** {@code np.abs(librosa.stft(y))} with n_fft 2048, hop 512. */
    public static FloatMatrix stftMagnitude(float[] y) {
        return Stft.of(StftParams.defaults()).magnitude(y);
    }

    /** {@code librosa.feature.melspectrogram(y=y, sr=sr)}: {@code (128, t)}. */
    public static FloatMatrix melspectrogram(float[] y, int sr) {
        return MelSpectrogram.of(MelParams.of(sr)).compute(y);
    }

    /** {@code librosa.feature.melspectrogram(y=y, sr=sr, n_fft=nFft, hop_length=hopLength, n_mels=nMels)}. */
    public static FloatMatrix melspectrogram(float[] y, int sr, int nFft, int hopLength, int nMels) {
        return MelSpectrogram.of(MelParams.of(sr, nFft, hopLength, nMels)).compute(y);
    }

    /** {@code librosa.power_to_db(S, ref=np.max)}: dB below the loudest cell, clipped at -80. */
    public static FloatMatrix powerToDbMax(FloatMatrix s) {
        return Db.powerToDb(s, Ref.max(), Db.AMIN_POWER, Db.TOP_DB);
    }

    /** {@code librosa.feature.mfcc(y=y, sr=sr, n_mfcc=nMfcc)}: {@code (nMfcc, t)}. */
    public static FloatMatrix mfcc(float[] y, int sr, int nMfcc) {
        return Mfcc.of(MelParams.of(sr), nMfcc).compute(y);
    }

    /** {@code librosa.feature.spectral_centroid(y=y, sr=sr)}: {@code (1, t)} in Hz. */
    public static FloatMatrix spectralCentroid(float[] y, int sr) {
        return SpectralCentroid.compute(y, sr);
    }

    /** {@code librosa.feature.zero_crossing_rate(y)}: {@code (1, t)}. */
    public static FloatMatrix zeroCrossingRate(float[] y) {
        return ZeroCrossingRate.compute(y);
    }

    /** {@code librosa.feature.rms(y=y)}: {@code (1, t)}. */
    public static FloatMatrix rms(float[] y) {
        return Rms.compute(y);
    }

    /** {@code librosa.effects.trim(y, top_db=topDb)[1]}: the kept {@code [start, end)}. */
    public static Trim.Interval trimInterval(float[] y, double topDb) {
        return Trim.interval(y, topDb, Ref.max(), 2048, 512);
    }
}
