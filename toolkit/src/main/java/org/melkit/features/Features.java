package org.melkit.features;

import org.melkit.audio.AudioClip;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/**
 * One-liners with librosa 0.11's names and defaults, for notebooks:
 * {@code Features.melspectrogram(clip)} is {@code librosa.feature.melspectrogram(y=y, sr=sr)} with
 * the clip's own rate (so a wrong rate cannot slip in); the {@code (float[] y, int sr)} forms are
 * librosa's signatures as they are. A multi-channel clip is mixed to mono first, as
 * {@code librosa.load(mono=True)}. Each builds (cached) extractors; for many clips keep a
 * configured {@link MelSpectrogram} or {@link Mfcc} instead.
 *
 * <pre>{@code
 * AudioClip clip = Audio.load(Path.of("speech.wav"));
 * FloatMatrix mel = Features.melspectrogram(clip);      // (128, t)
 * FloatMatrix mfcc = Features.mfcc(clip, 13);           // (13, t)
 * }</pre>
 */
public final class Features {
    private Features() {}

    /** {@code librosa.feature.melspectrogram(y=y, sr=sr)} of the clip: {@code (128, t)}. {@code Features.melspectrogram(clip)} */
    public static FloatMatrix melspectrogram(AudioClip clip) {
        return melspectrogram(clip.samples(), clip.sampleRate());
    }

    /**
     * {@code librosa.feature.melspectrogram(y=y, sr=sr, n_fft=nFft, hop_length=hopLength, n_mels=nMels)} of the clip.
     * {@code Features.melspectrogram(clip, 1024, 256, 64)}
     */
    public static FloatMatrix melspectrogram(AudioClip clip, int nFft, int hopLength, int nMels) {
        return melspectrogram(clip.samples(), clip.sampleRate(), nFft, hopLength, nMels);
    }

    /**
     * {@code librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr), ref=np.max)}: the
     * log-mel spectrogram a plot or a model takes, dB below the loudest cell, floored at -80.
     * {@code Features.melspectrogramDb(clip)}
     */
    public static FloatMatrix melspectrogramDb(AudioClip clip) {
        return MelSpectrogram.of(MelParams.of(clip.sampleRate())).computeDb(clip.samples(), Ref.max(), Db.AMIN_POWER, Db.TOP_DB);
    }

    /** {@code librosa.feature.mfcc(y=y, sr=sr)}: 20 coefficients, {@code (20, t)}. {@code Features.mfcc(clip)} */
    public static FloatMatrix mfcc(AudioClip clip) {
        return mfcc(clip.samples(), clip.sampleRate(), 20);
    }

    /** {@code librosa.feature.mfcc(y=y, sr=sr, n_mfcc=nMfcc)}: {@code (nMfcc, t)}. {@code Features.mfcc(clip, 13)} */
    public static FloatMatrix mfcc(AudioClip clip, int nMfcc) {
        return mfcc(clip.samples(), clip.sampleRate(), nMfcc);
    }

    /** {@code librosa.feature.spectral_centroid(y=y, sr=sr)}: {@code (1, t)} in Hz. {@code Features.spectralCentroid(clip)} */
    public static FloatMatrix spectralCentroid(AudioClip clip) {
        return spectralCentroid(clip.samples(), clip.sampleRate());
    }

    /** {@code librosa.feature.zero_crossing_rate(y)}: {@code (1, t)}. {@code Features.zeroCrossingRate(clip)} */
    public static FloatMatrix zeroCrossingRate(AudioClip clip) {
        return zeroCrossingRate(clip.samples());
    }

    /** {@code librosa.feature.rms(y=y)}: {@code (1, t)}. {@code Features.rms(clip)} */
    public static FloatMatrix rms(AudioClip clip) {
        return rms(clip.samples());
    }

    /** {@code np.abs(librosa.stft(y))} of the clip: {@code (1025, t)}. {@code Features.stftMagnitude(clip)} */
    public static FloatMatrix stftMagnitude(AudioClip clip) {
        return stftMagnitude(clip.samples());
    }

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
