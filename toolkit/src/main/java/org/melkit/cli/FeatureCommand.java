package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.io.Npy;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.MelFilterbank;
import org.melkit.dsp.MelNorm;
import org.melkit.dsp.PadMode;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;
import org.melkit.dsp.WindowType;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Mfcc;
import org.melkit.features.Recipes;
import org.melkit.features.Rms;
import org.melkit.features.SpectralCentroid;
import org.melkit.features.Trim;
import org.melkit.features.ZeroCrossingRate;

/**
 * {@code melkit feature KIND --input FILE --output OUT.npy --name value ...}: one librosa 0.11
 * call, written as float32 {@code .npy} with librosa's shape (the conformance kit's contract).
 * Parameters are librosa's names in kebab-case; an absent one takes librosa's default.
 * On any error nothing is written and the exit status is non-zero.
 */
final class FeatureCommand implements Command {
    static final java.util.List<String> KIND_LIST = java.util.List.of("load", "mel_filters", "stft", "melspectrogram", "power_to_db",
            "amplitude_to_db", "mfcc", "spectral_centroid", "zero_crossing_rate", "rms", "trim", "recipe_a", "recipe_b", "recipe_c");
    static final String KINDS = String.join(", ", KIND_LIST);

    @Override
    public String name() { return "feature"; }

    @Override
    public String summary() { return "one librosa feature of one file as .npy (" + KINDS + ")"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        if (a.positional().size() != 1) {
            throw new UsageException("usage: melkit feature KIND --input FILE --output OUT.npy [--name value ...]; KIND is one of " + KINDS);
        }
        String kind = a.positional().get(0);
        if (!KIND_LIST.contains(kind)) { // checked before any file is touched
            throw new UsageException("unknown kind '" + kind + "'; one of " + KINDS);
        }
        Path output = a.requirePath("output");
        String inputText = a.raw("input"); // the word 'none' for kinds without audio (mel_filters)
        if (inputText == null && !kind.equals("mel_filters")) {
            throw new UsageException("missing required option --input FILE");
        }
        Result r = compute(kind, inputText, a);
        a.requireAllUsed();
        Npy.write(output, r.data, r.shape);
        return 0;
    }

    private record Result(float[] data, int[] shape) {
        static Result of(FloatMatrix m) {
            return new Result(m.toArray(), new int[] {m.rows(), m.cols()});
        }
    }

    private Result compute(String kind, String inputText, Args a) {
        switch (kind) {
            case "load":
                return load(Path.of(inputText), a);
            case "mel_filters": {
                MelFilterbank.Spec spec = new MelFilterbank.Spec(a.number("sr", 22050.0), a.integer("n-fft", 2048),
                        a.integer("n-mels", 128), a.number("fmin", 0.0), a.number("fmax", null), a.bool("htk", false),
                        melNorm(a, "norm"));
                return Result.of(MelFilterbank.of(spec).matrix());
            }
            case "recipe_a":
                return Result.of(Recipes.recipeA(Path.of(inputText)));
            case "recipe_b":
                return Result.of(Recipes.recipeB(Path.of(inputText)));
            case "recipe_c": {
                double[] v = Recipes.recipeC(Path.of(inputText));
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                return new Result(f, new int[] {f.length});
            }
            default:
                break;
        }
        Integer srArg = a.integer("sr", 22050);
        AudioClip clip = Audio.load(Path.of(inputText), LoadOptions.DEFAULT.withSr(a.has("sr") || a.raw("sr") == null ? srArg : null));
        float[] y = clip.samples();
        int sr = clip.sampleRate();
        switch (kind) {
            case "stft":
                return Result.of(Stft.of(stft(a, "n-fft")).magnitude(y));
            case "melspectrogram":
                return Result.of(MelSpectrogram.of(mel(a, sr, "norm")).compute(y));
            case "power_to_db":
                return Result.of(Db.powerToDb(MelSpectrogram.of(mel(a, sr, "norm")).compute(y), ref(a), a.number("amin", Db.AMIN_POWER), topDb(a)));
            case "amplitude_to_db":
                return Result.of(Db.amplitudeToDb(Stft.of(stft(a, "n-fft")).magnitude(y), ref(a), a.number("amin", Db.AMIN_AMPLITUDE), topDb(a)));
            case "mfcc": {
                int dctType = a.integer("dct-type", 2);
                if (dctType != 2) {
                    throw new UsageException("--dct-type " + dctType + ": only the type-II DCT (librosa's default) is implemented");
                }
                String norm = a.string("norm", null);
                boolean ortho;
                if (norm == null) {
                    ortho = a.raw("norm") == null; // absent: librosa's default 'ortho'; 'none': no normalisation
                } else if (norm.equals("ortho")) {
                    ortho = true;
                } else {
                    throw new UsageException("--norm " + norm + ": the DCT norm must be ortho (librosa's default) or none");
                }
                MelParams mp = mel(a, sr, "mel-norm");
                return Result.of(Mfcc.of(mp, a.integer("n-mfcc", 20), a.integer("lifter", 0), ortho).compute(y));
            }
            case "spectral_centroid":
                return Result.of(SpectralCentroid.compute(y, sr, stft(a, "n-fft")));
            case "zero_crossing_rate":
                return Result.of(ZeroCrossingRate.compute(y, a.integer("frame-length", 2048), a.integer("hop-length", 512), a.bool("center", true)));
            case "rms":
                return Result.of(Rms.compute(y, a.integer("frame-length", 2048), a.integer("hop-length", 512), a.bool("center", true),
                        PadMode.parse(a.string("pad-mode", "constant"))));
            case "trim": {
                Trim.Interval iv = Trim.interval(y, a.number("top-db", 60.0), refOr(a, Ref.max()),
                        a.integer("frame-length", 2048), a.integer("hop-length", 512));
                return new Result(new float[] {iv.start(), iv.end()}, new int[] {2});
            }
            default:
                throw new UsageException("unknown kind '" + kind + "'; one of " + KINDS);
        }
    }

    private static Result load(Path input, Args a) {
        String resType = a.string("res-type", "soxr_hq").toLowerCase(Locale.ROOT);
        if (!resType.equals("soxr_hq")) {
            throw new UsageException("--res-type " + resType + ": melkit implements one resampler, of soxr_hq's class (librosa's default); use soxr_hq");
        }
        Integer sr = a.raw("sr") == null ? Integer.valueOf(22050) : a.integer("sr", null);
        LoadOptions o = new LoadOptions(sr, a.bool("mono", true), a.number("offset", 0.0), a.number("duration", null));
        AudioClip clip = Audio.load(input, o);
        if (clip.isMono()) {
            float[] y = clip.samples();
            return new Result(y, new int[] {y.length});
        }
        int c = clip.channelCount();
        int n = clip.length();
        float[] data = new float[c * n];
        for (int i = 0; i < c; i++) {
            System.arraycopy(clip.channel(i), 0, data, i * n, n);
        }
        return new Result(data, new int[] {c, n});
    }

    private static StftParams stft(Args a, String nFftName) {
        int nFft = a.integer(nFftName, 2048);
        int hop = a.integer("hop-length", Math.max(1, nFft / 4));
        int win = a.integer("win-length", nFft);
        return new StftParams(nFft, hop, win, WindowType.parse(a.string("window", "hann")), a.bool("center", true),
                PadMode.parse(a.string("pad-mode", "constant")));
    }

    private static MelParams mel(Args a, int sr, String normName) {
        return new MelParams(sr, stft(a, "n-fft"), a.number("power", 2.0), a.integer("n-mels", 128), a.number("fmin", 0.0),
                a.number("fmax", null), a.bool("htk", false), melNorm(a, normName));
    }

    /** Absent: librosa's default {@code 'slaney'}; {@code none}: no normalisation. */
    private static MelNorm melNorm(Args a, String name) {
        String raw = a.raw(name);
        return raw == null ? MelNorm.SLANEY : MelNorm.parse(raw);
    }

    private static Ref ref(Args a) {
        return refOr(a, Ref.value(1.0));
    }

    private static Ref refOr(Args a, Ref dflt) {
        String r = a.string("ref", null);
        return r == null ? dflt : Ref.parse(r);
    }

    private static Double topDb(Args a) {
        return a.raw("top-db") == null ? Double.valueOf(Db.TOP_DB) : a.number("top-db", null); // boxed: no unboxing of None
    }
}
