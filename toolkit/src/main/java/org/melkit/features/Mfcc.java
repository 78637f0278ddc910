package org.melkit.features;

import java.util.Objects;
import org.melkit.dsp.Db;
import org.melkit.dsp.Dct;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;

/**
 * librosa 0.11's {@code feature.mfcc(y, sr, n_mfcc=20, dct_type=2, norm='ortho', lifter=0,
 * **mel_kwargs)}: the orthonormal DCT-II of {@code power_to_db(melspectrogram)} (with
 * {@code ref=1.0, amin=1e-10, top_db=80}, as librosa), first {@code nMfcc} coefficients, then
 * optional liftering {@code 1 + lifter/2 * sin(pi k / lifter)}, {@code k = 1..nMfcc}.
 * Shape {@code (nMfcc, t)}. Immutable and thread-safe.
 */
public final class Mfcc {
    private final MelSpectrogram mel;
    private final int nMfcc;
    private final int lifter;
    private final boolean ortho;

    private Mfcc(MelParams mel, int nMfcc, int lifter, boolean ortho) {
        this.mel = MelSpectrogram.of(Objects.requireNonNull(mel, "mel"));
        if (nMfcc <= 0 || nMfcc > mel.nMels()) {
            throw new IllegalArgumentException("nMfcc=" + nMfcc + " must be in [1, nMels=" + mel.nMels() + "] (librosa: n_mfcc); typical: 13 or 20");
        }
        if (lifter < 0) {
            throw new IllegalArgumentException("lifter=" + lifter + " must be >= 0 (librosa: lifter); 0 disables, typical: 22");
        }
        this.nMfcc = nMfcc;
        this.lifter = lifter;
        this.ortho = ortho;
    }

    /** librosa's defaults over {@code mel}: orthonormal DCT-II, no liftering. */
    public static Mfcc of(MelParams mel, int nMfcc) {
        return new Mfcc(mel, nMfcc, 0, true);
    }

    /**
     * @param ortho {@code norm='ortho'} (librosa's default) or {@code norm=None}
     */
    public static Mfcc of(MelParams mel, int nMfcc, int lifter, boolean ortho) {
        return new Mfcc(mel, nMfcc, lifter, ortho);
    }

    public int nMfcc() { return nMfcc; }

    public MelParams melParams() { return mel.params(); }

    /** MFCCs of {@code y}: {@code (nMfcc, t)}. */
    public FloatMatrix compute(float[] y) {
        return fromMelDb(mel.computeDb(y, Ref.value(1.0), Db.AMIN_POWER, Db.TOP_DB));
    }

    /** MFCCs of a log-power mel spectrogram (librosa's {@code mfcc(S=power_to_db(mel))}). */
    public FloatMatrix fromMelDb(FloatMatrix melDb) {
        FloatMatrix m = Dct.dct2(melDb, nMfcc, ortho);
        if (lifter == 0) {
            return m;
        }
        float[] v = m.toArray();
        int t = m.cols();
        for (int k = 0; k < nMfcc; k++) {
            double li = 1.0 + (lifter / 2.0) * Math.sin(Math.PI * (k + 1) / lifter);
            for (int c = 0; c < t; c++) {
                v[k * t + c] = (float) (v[k * t + c] * li);
            }
        }
        return FloatMatrix.wrap(nMfcc, t, v);
    }

    /** The configuration, e.g. {@code Mfcc[nMfcc=13, dct=ortho, lifter=0; sr=22050, nFft=2048, hop=512, ...]}. */
    @Override
    public String toString() {
        String melText = MelSpectrogram.describe(mel.params());
        return "Mfcc[nMfcc=" + nMfcc + ", dct=" + (ortho ? "ortho" : "none") + ", lifter=" + lifter + "; " + melText.substring(1);
    }
}
