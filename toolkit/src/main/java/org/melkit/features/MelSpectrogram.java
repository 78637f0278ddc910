package org.melkit.features;

import java.util.List;
import java.util.Objects;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.MelFilterbank;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;

/**
 * librosa 0.11's {@code feature.melspectrogram}: {@code mel_basis @ |stft(y)|^power}, shape
 * {@code (nMels, t)}, as a configured extractor. The window, FFT plan and (sparse) filterbank are
 * built once; {@link #compute} streams frames through them without materialising the linear
 * spectrogram, allocating nothing per frame. Immutable and thread-safe: share one instance
 * across threads, or use {@link #computeAll} to spread a batch over cores.
 */
public final class MelSpectrogram {
    private final MelParams params;
    private final Stft stft;
    private final MelFilterbank bank;

    private MelSpectrogram(MelParams params) {
        this.params = Objects.requireNonNull(params, "params");
        this.stft = Stft.of(params.stft());
        this.bank = MelFilterbank.of(params.filterbank());
    }

    public static MelSpectrogram of(MelParams params) {
        return new MelSpectrogram(params);
    }

    public MelParams params() { return params; }

    public MelFilterbank filterbank() { return bank; }

    /** The mel spectrogram of {@code y} (sampled at {@code params().sr()}): {@code (nMels, t)}. */
    public FloatMatrix compute(float[] y) {
        int frames = stft.frameCount(y);
        int nMels = params.nMels();
        float[] out = new float[nMels * frames];
        fill(y, out, frames);
        return FloatMatrix.wrap(nMels, frames, out);
    }

    /**
     * {@code power_to_db(compute(y), ref, amin, topDb)} in one pass over one array: the
     * featurisation hot path (recipe_a / recipe_b).
     */
    public FloatMatrix computeDb(float[] y, Ref ref, double amin, Double topDb) {
        int frames = stft.frameCount(y);
        int nMels = params.nMels();
        float[] out = new float[nMels * frames];
        fill(y, out, frames);
        Db.powerToDbInPlace(out, out.length, ref, amin, topDb);
        return FloatMatrix.wrap(nMels, frames, out);
    }

    private void fill(float[] y, float[] out, int frames) {
        double power = params.power();
        int bins = bank.bins();
        double[] mel = new double[params.nMels()];
        stft.forEachPowerFrame(y, (t, spectrum) -> {
            if (power != 2.0) {
                for (int k = 0; k < bins; k++) {
                    spectrum[k] = power == 1.0 ? Math.sqrt(spectrum[k]) : Math.pow(spectrum[k], power / 2.0);
                }
            }
            bank.apply(spectrum, mel);
            for (int m = 0; m < mel.length; m++) {
                out[m * frames + t] = (float) mel[m];
            }
        });
    }

    /**
     * The mel spectrogram of a ready spectrogram {@code s = |stft|^power} of shape
     * {@code (1 + nFft/2, t)} (librosa's {@code melspectrogram(S=...)}).
     */
    public FloatMatrix fromSpectrogram(FloatMatrix s) {
        return bank.apply(s);
    }

    /**
     * {@link #compute} over many clips on {@code threads} threads (0: all cores); results are in
     * input order and identical for any thread count.
     */
    public List<FloatMatrix> computeAll(List<float[]> clips, int threads) {
        return Parallel.map(clips, threads, this::compute);
    }

    /** The configuration, e.g. {@code MelSpectrogram[sr=22050, nFft=2048, hop=512, nMels=128, fmin=0.0, fmax=sr/2, power=2.0, slaney]}. */
    @Override
    public String toString() {
        return "MelSpectrogram" + describe(params);
    }

    static String describe(MelParams p) {
        return "[sr=" + p.sr() + ", nFft=" + p.stft().nFft() + ", hop=" + p.stft().hopLength()
                + (p.stft().winLength() != p.stft().nFft() ? ", winLength=" + p.stft().winLength() : "") + ", window="
                + p.stft().window().name().toLowerCase(java.util.Locale.ROOT) + (p.stft().center() ? "" : ", center=false")
                + ", nMels=" + p.nMels() + ", fmin=" + p.fmin() + ", fmax=" + (p.fmax() == null ? "sr/2" : p.fmax()) + ", power="
                + p.power() + ", " + (p.htk() ? "htk" : "slaney") + "]";
    }
}
