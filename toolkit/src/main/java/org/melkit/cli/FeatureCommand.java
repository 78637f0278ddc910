package org.melkit.cli;

import java.nio.file.Path;
import java.util.List;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code melkit feature KIND --input FILE --output OUT.npy --name value ...}: one librosa 0.11
 * call, written as float32 {@code .npy} with librosa's shape (the conformance kit's contract).
 * Each KIND is a sub-command whose options are librosa's parameter names in kebab-case; an
 * absent one takes librosa's default (shown by {@code melkit feature KIND --help}); {@code none}
 * is Python's None. On any error nothing is written and the exit status is non-zero.
 */
@Command(name = "feature", mixinStandardHelpOptions = true,
        description = "one librosa feature of one file as .npy (load, mel_filters, stft, melspectrogram, power_to_db, ...)",
        synopsisSubcommandLabel = "KIND", commandListHeading = "Kinds:%n",
        footer = {"%nEach KIND takes librosa's parameter names in kebab-case (--n-fft, --hop-length, --top-db, --ref max,"
                + " --fmax none); an absent parameter takes librosa's default: 'melkit feature KIND --help' lists them."},
        subcommands = {FeatureCommand.Load.class, FeatureCommand.MelFilters.class, FeatureCommand.StftKind.class,
            FeatureCommand.Melspectrogram.class, FeatureCommand.PowerToDb.class, FeatureCommand.AmplitudeToDb.class,
            FeatureCommand.MfccKind.class, FeatureCommand.Centroid.class, FeatureCommand.Zcr.class, FeatureCommand.RmsKind.class,
            FeatureCommand.TrimKind.class, FeatureCommand.RecipeA.class, FeatureCommand.RecipeB.class, FeatureCommand.RecipeC.class})
final class FeatureCommand extends MelkitCommand {
    static final List<String> KIND_LIST = List.of("load", "mel_filters", "stft", "melspectrogram", "power_to_db",
            "amplitude_to_db", "mfcc", "spectral_centroid", "zero_crossing_rate", "rms", "trim", "recipe_a", "recipe_b", "recipe_c");
    static final String KINDS = String.join(", ", KIND_LIST);

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing KIND: melkit feature KIND --input FILE --output OUT.npy [--name value ...]; KIND is one of " + KINDS);
    }

    /** One array and its librosa shape. */
    record Result(float[] data, int[] shape) {
        static Result of(FloatMatrix m) {
            return new Result(m.toArray(), new int[] {m.rows(), m.cols()});
        }
    }

    /** A kind: computes its array, then writes it; nothing is written when computing fails. */
    abstract static class Kind extends MelkitCommand {
        @Option(names = "--output", required = true, paramLabel = "OUT.npy", order = 1,
                description = "the float32 .npy to write (librosa's shape); nothing is written on an error")
        Path output;

        abstract Result compute();

        @Override
        public Integer call() {
            Result r = compute();
            Npy.write(output, r.data(), r.shape());
            return 0;
        }
    }

    /** A kind that reads one audio file. */
    abstract static class FileKind extends Kind {
        @Option(names = "--input", required = true, paramLabel = "FILE", order = 0, description = "the audio file (WAV, or any format ffmpeg reads)")
        Path input;
    }

    /** A kind over {@code librosa.load(path, sr=SR, mono=True)}: the feature's sr is the rate after loading. */
    abstract static class AudioKind extends FileKind {
        @Option(names = "--sr", paramLabel = "HZ|none", defaultValue = "22050", order = 2,
                description = "rate the audio is loaded at; none = the file's own (librosa.load: sr). Default: ${DEFAULT-VALUE}")
        Integer sr;

        AudioClip clip() {
            return Audio.load(input, LoadOptions.DEFAULT.withSr(sr));
        }
    }

    /** librosa's STFT parameters. */
    static final class StftOptions {
        @Option(names = "--n-fft", paramLabel = "N", defaultValue = "2048", order = 10, description = "FFT size. Default: ${DEFAULT-VALUE}")
        int nFft;
        @Option(names = "--hop-length", paramLabel = "N|none", order = 11, description = "samples between frames. Default: n_fft // 4")
        Integer hopLength;
        @Option(names = "--win-length", paramLabel = "N|none", order = 12, description = "window length, zero-padded to n_fft. Default: n_fft")
        Integer winLength;
        @Option(names = "--window", paramLabel = "NAME", defaultValue = "hann", order = 13,
                description = "window (periodic, as scipy.signal.get_window(fftbins=True)). Default: ${DEFAULT-VALUE}")
        String window;
        @Option(names = "--center", paramLabel = "true|false", arity = "1", defaultValue = "true", order = 14,
                description = "pad so that frame t is centred at t * hop_length. Default: ${DEFAULT-VALUE}")
        boolean center;
        @Option(names = "--pad-mode", paramLabel = "MODE", defaultValue = "constant", order = 15,
                description = "padding when centred: constant (zeros) or reflect. Default: ${DEFAULT-VALUE}")
        String padMode;

        StftParams params() {
            int hop = hopLength == null ? Math.max(1, nFft / 4) : hopLength;
            int win = winLength == null ? nFft : winLength;
            return new StftParams(nFft, hop, win, WindowType.parse(window), center, PadMode.parse(padMode));
        }
    }

    /** librosa's mel parameters (the norm is declared by each kind: mfcc calls it mel_norm). */
    static final class MelOptions {
        @Option(names = "--power", paramLabel = "P", defaultValue = "2.0", order = 20,
                description = "exponent of the magnitude: 1 energy, 2 power. Default: ${DEFAULT-VALUE}")
        double power;
        @Option(names = "--n-mels", paramLabel = "N", defaultValue = "128", order = 21, description = "mel bands. Default: ${DEFAULT-VALUE}")
        int nMels;
        @Option(names = "--fmin", paramLabel = "HZ", defaultValue = "0.0", order = 22, description = "lowest frequency. Default: ${DEFAULT-VALUE}")
        double fmin;
        @Option(names = "--fmax", paramLabel = "HZ|none", order = 23, description = "highest frequency. Default: none = sr / 2")
        Double fmax;
        @Option(names = "--htk", paramLabel = "true|false", arity = "1", defaultValue = "false", order = 24,
                description = "HTK mel scale instead of Slaney's. Default: ${DEFAULT-VALUE}")
        boolean htk;

        MelParams params(int sr, StftParams stft, String norm) {
            return new MelParams(sr, stft, power, nMels, fmin, fmax, htk, MelNorm.parse(norm));
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.load(path, sr, mono, offset, duration, res_type): (n,) or (channels, n)")
    static final class Load extends FileKind {
        @Option(names = "--sr", paramLabel = "HZ|none", defaultValue = "22050", order = 2,
                description = "target rate; none = the file's own. Default: ${DEFAULT-VALUE}")
        Integer sr;
        @Option(names = "--mono", paramLabel = "true|false", arity = "1", defaultValue = "true", order = 3,
                description = "down-mix to one channel (the channel mean). Default: ${DEFAULT-VALUE}")
        boolean mono;
        @Option(names = "--offset", paramLabel = "S", defaultValue = "0.0", order = 4, description = "seconds skipped. Default: ${DEFAULT-VALUE}")
        double offset;
        @Option(names = "--duration", paramLabel = "S|none", order = 5, description = "seconds read. Default: none = to the end")
        Double duration;
        @Option(names = "--res-type", paramLabel = "NAME", defaultValue = "soxr_hq", order = 6,
                description = "resampler; melkit implements one, of soxr_hq's class. Default: ${DEFAULT-VALUE}")
        String resType;

        @Override
        Result compute() {
            if (!resType.toLowerCase(Locale.ROOT).equals("soxr_hq")) {
                throw new UsageException("--res-type " + resType
                        + ": melkit implements one resampler, of soxr_hq's class (librosa's default); use soxr_hq");
            }
            AudioClip clip = Audio.load(input, new LoadOptions(sr, mono, offset, duration));
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
    }

    @Command(name = "mel_filters", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm): (n_mels, 1 + n_fft // 2); needs no audio")
    static final class MelFilters extends Kind {
        @Option(names = "--input", paramLabel = "none", hidden = true, description = "ignored: a filterbank needs no audio")
        String input;
        @Option(names = "--sr", paramLabel = "HZ", defaultValue = "22050", order = 2, description = "sample rate. Default: ${DEFAULT-VALUE}")
        double sr;
        @Option(names = "--n-fft", paramLabel = "N", defaultValue = "2048", order = 10, description = "FFT size. Default: ${DEFAULT-VALUE}")
        int nFft;
        @Option(names = "--n-mels", paramLabel = "N", defaultValue = "128", order = 21, description = "mel bands. Default: ${DEFAULT-VALUE}")
        int nMels;
        @Option(names = "--fmin", paramLabel = "HZ", defaultValue = "0.0", order = 22, description = "lowest frequency. Default: ${DEFAULT-VALUE}")
        double fmin;
        @Option(names = "--fmax", paramLabel = "HZ|none", order = 23, description = "highest frequency. Default: none = sr / 2")
        Double fmax;
        @Option(names = "--htk", paramLabel = "true|false", arity = "1", defaultValue = "false", order = 24,
                description = "HTK mel scale instead of Slaney's. Default: ${DEFAULT-VALUE}")
        boolean htk;
        @Option(names = "--norm", paramLabel = "slaney|none", defaultValue = "slaney", order = 25,
                description = "filter normalisation: slaney (unit area) or none. Default: ${DEFAULT-VALUE}")
        String norm;

        @Override
        Result compute() {
            MelFilterbank.Spec s = new MelFilterbank.Spec(sr, nFft, nMels, fmin, fmax, htk, MelNorm.parse(norm));
            return Result.of(MelFilterbank.of(s).matrix());
        }
    }

    @Command(name = "stft", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "abs(librosa.stft(y, n_fft, hop_length, win_length, window, center, pad_mode)): (1 + n_fft // 2, t)")
    static final class StftKind extends AudioKind {
        @Mixin StftOptions stft;

        @Override
        Result compute() {
            return Result.of(Stft.of(stft.params()).magnitude(clip().samples()));
        }
    }

    /** The mel kinds' own {@code --norm}. */
    abstract static class MelKind extends AudioKind {
        @Mixin StftOptions stft;
        @Mixin MelOptions mel;
        @Option(names = "--norm", paramLabel = "slaney|none", defaultValue = "slaney", order = 25,
                description = "mel filter normalisation: slaney (unit area) or none. Default: ${DEFAULT-VALUE}")
        String norm;

        FloatMatrix melspectrogram(AudioClip clip) {
            return MelSpectrogram.of(mel.params(clip.sampleRate(), stft.params(), norm)).compute(clip.samples());
        }
    }

    @Command(name = "melspectrogram", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.feature.melspectrogram(y, sr, n_fft, hop_length, ..., power, n_mels, fmin, fmax, htk, norm): (n_mels, t)")
    static final class Melspectrogram extends MelKind {
        @Override
        Result compute() {
            return Result.of(melspectrogram(clip()));
        }
    }

    @Command(name = "power_to_db", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.power_to_db(melspectrogram(...), ref, amin, top_db): (n_mels, t)")
    static final class PowerToDb extends MelKind {
        @Option(names = "--ref", paramLabel = "max|VALUE", defaultValue = "1.0", order = 30,
                description = "0 dB reference: a value, or max for ref=np.max. Default: ${DEFAULT-VALUE}")
        String ref;
        @Option(names = "--amin", paramLabel = "A", defaultValue = "1e-10", order = 31, description = "floor of the input. Default: ${DEFAULT-VALUE}")
        double amin;
        @Option(names = "--top-db", paramLabel = "DB|none", defaultValue = "80.0", order = 32,
                description = "clip to this many dB below the maximum; none = no clipping. Default: ${DEFAULT-VALUE}")
        Double topDb;

        @Override
        Result compute() {
            return Result.of(Db.powerToDb(melspectrogram(clip()), Ref.parse(ref), amin, topDb));
        }
    }

    @Command(name = "amplitude_to_db", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.amplitude_to_db(abs(stft(...)), ref, amin, top_db): (1 + n_fft // 2, t)")
    static final class AmplitudeToDb extends AudioKind {
        @Mixin StftOptions stft;
        @Option(names = "--ref", paramLabel = "max|VALUE", defaultValue = "1.0", order = 30,
                description = "0 dB reference: a value, or max for ref=np.max. Default: ${DEFAULT-VALUE}")
        String ref;
        @Option(names = "--amin", paramLabel = "A", defaultValue = "1e-05", order = 31, description = "floor of the input. Default: ${DEFAULT-VALUE}")
        double amin;
        @Option(names = "--top-db", paramLabel = "DB|none", defaultValue = "80.0", order = 32,
                description = "clip to this many dB below the maximum; none = no clipping. Default: ${DEFAULT-VALUE}")
        Double topDb;

        @Override
        Result compute() {
            return Result.of(Db.amplitudeToDb(Stft.of(stft.params()).magnitude(clip().samples()), Ref.parse(ref), amin, topDb));
        }
    }

    @Command(name = "mfcc", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.feature.mfcc(y, sr, n_mfcc, dct_type, norm, lifter, mel_norm, **mel params): (n_mfcc, t)")
    static final class MfccKind extends AudioKind {
        @Mixin StftOptions stft;
        @Mixin MelOptions mel;
        @Option(names = "--mel-norm", paramLabel = "slaney|none", defaultValue = "slaney", order = 25,
                description = "mel filter normalisation (librosa: the melspectrogram's norm). Default: ${DEFAULT-VALUE}")
        String melNorm;
        @Option(names = "--n-mfcc", paramLabel = "N", defaultValue = "20", order = 30, description = "coefficients. Default: ${DEFAULT-VALUE}")
        int nMfcc;
        @Option(names = "--dct-type", paramLabel = "2", defaultValue = "2", order = 31,
                description = "DCT type; only type II (librosa's default) is implemented. Default: ${DEFAULT-VALUE}")
        int dctType;
        @Option(names = "--norm", paramLabel = "ortho|none", defaultValue = "ortho", order = 32,
                description = "DCT normalisation. Default: ${DEFAULT-VALUE}")
        String norm;
        @Option(names = "--lifter", paramLabel = "L", defaultValue = "0", order = 33,
                description = "cepstral liftering 1 + L/2 sin(pi k / L); 0 = none. Default: ${DEFAULT-VALUE}")
        int lifter;

        @Override
        Result compute() {
            if (dctType != 2) {
                throw new UsageException("--dct-type " + dctType + ": only the type-II DCT (librosa's default) is implemented");
            }
            boolean ortho;
            if (norm.equalsIgnoreCase("ortho")) {
                ortho = true;
            } else if (Converters.isNone(norm)) {
                ortho = false;
            } else {
                throw new UsageException("--norm " + norm + ": the DCT norm must be ortho (librosa's default) or none");
            }
            AudioClip clip = clip();
            MelParams mp = mel.params(clip.sampleRate(), stft.params(), melNorm);
            return Result.of(Mfcc.of(mp, nMfcc, lifter, ortho).compute(clip.samples()));
        }
    }

    @Command(name = "spectral_centroid", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.feature.spectral_centroid(y, sr, n_fft, hop_length, ...): (1, t)")
    static final class Centroid extends AudioKind {
        @Mixin StftOptions stft;

        @Override
        Result compute() {
            AudioClip clip = clip();
            return Result.of(SpectralCentroid.compute(clip.samples(), clip.sampleRate(), stft.params()));
        }
    }

    /** librosa's framing of the time-domain features. */
    static final class FrameOptions {
        @Option(names = "--frame-length", paramLabel = "N", defaultValue = "2048", order = 10,
                description = "samples per frame. Default: ${DEFAULT-VALUE}")
        int frameLength;
        @Option(names = "--hop-length", paramLabel = "N", defaultValue = "512", order = 11,
                description = "samples between frames. Default: ${DEFAULT-VALUE}")
        int hopLength;
    }

    @Command(name = "zero_crossing_rate", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.feature.zero_crossing_rate(y, frame_length, hop_length, center): (1, t)")
    static final class Zcr extends AudioKind {
        @Mixin FrameOptions frames;
        @Option(names = "--center", paramLabel = "true|false", arity = "1", defaultValue = "true", order = 14,
                description = "edge-pad so that frame t is centred at t * hop_length. Default: ${DEFAULT-VALUE}")
        boolean center;

        @Override
        Result compute() {
            return Result.of(ZeroCrossingRate.compute(clip().samples(), frames.frameLength, frames.hopLength, center));
        }
    }

    @Command(name = "rms", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.feature.rms(y=y, frame_length, hop_length, center, pad_mode): (1, t)")
    static final class RmsKind extends AudioKind {
        @Mixin FrameOptions frames;
        @Option(names = "--center", paramLabel = "true|false", arity = "1", defaultValue = "true", order = 14,
                description = "pad so that frame t is centred at t * hop_length. Default: ${DEFAULT-VALUE}")
        boolean center;
        @Option(names = "--pad-mode", paramLabel = "MODE", defaultValue = "constant", order = 15,
                description = "padding when centred: constant (zeros) or reflect. Default: ${DEFAULT-VALUE}")
        String padMode;

        @Override
        Result compute() {
            return Result.of(Rms.compute(clip().samples(), frames.frameLength, frames.hopLength, center, PadMode.parse(padMode)));
        }
    }

    @Command(name = "trim", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "librosa.effects.trim(y, top_db, ref, frame_length, hop_length)[1]: (2,) = [start, end] samples")
    static final class TrimKind extends AudioKind {
        @Mixin FrameOptions frames;
        @Option(names = "--top-db", paramLabel = "DB", defaultValue = "60.0", order = 30,
                description = "frames this many dB below the reference are silence. Default: ${DEFAULT-VALUE}")
        double topDb;
        @Option(names = "--ref", paramLabel = "max|VALUE", defaultValue = "max", order = 31,
                description = "reference power: max (of the signal's rms) or a value. Default: ${DEFAULT-VALUE}")
        String ref;

        @Override
        Result compute() {
            Trim.Interval iv = Trim.interval(clip().samples(), topDb, Ref.parse(ref), frames.frameLength, frames.hopLength);
            return new Result(new float[] {iv.start(), iv.end()}, new int[] {2});
        }
    }

    @Command(name = "recipe_a", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "load sr=22050 -> melspectrogram n_mels=128 -> power_to_db(ref=max) -> 256 frames: (128, 256)")
    static final class RecipeA extends FileKind {
        @Override
        Result compute() {
            return Result.of(Recipes.recipeA(input));
        }
    }

    @Command(name = "recipe_b", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "load sr=16000, 3 s -> melspectrogram n_fft=1024, hop 376 -> power_to_db(ref=max) -> 128 frames -> min-max: (128, 128)")
    static final class RecipeB extends FileKind {
        @Override
        Result compute() {
            return Result.of(Recipes.recipeB(input));
        }
    }

    @Command(name = "recipe_c", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false,
            description = "load sr=22050 -> means of mfcc (13), spectral centroid and zero-crossing rate: (15,)")
    static final class RecipeC extends FileKind {
        @Override
        Result compute() {
            double[] v = Recipes.recipeC(input);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return new Result(f, new int[] {f.length});
        }
    }
}
