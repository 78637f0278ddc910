package org.melkit.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.melkit.dataset.Meld;
import org.melkit.dataset.MeldParams;
import org.melkit.dataset.MeldResult;
import org.melkit.dataset.MeldSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * {@code melkit meld --root MELD_RAW_DIR --output DIR}: thin over {@link Meld}; defaults
 * are {@link MeldParams#DEFAULT}'s. Exit 0 when every row's clip is ok, 1 when any is missing,
 * corrupt or without audio, 2 on a usage error or a malformed CSV / order file (nothing written).
 */
@Command(name = "meld", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        defaultValueProvider = MeldCommand.Defaults.class,
        description = "MELD-aligned audio spectrograms, one-hot labels and ids per split: train, val (MELD's dev) and test")
final class MeldCommand extends MelkitCommand {
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "MELD.Raw (the CSVs and the split folders of mp4s)")
    Path root;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "X_/y_/ids_ per split, labels and status report")
    Path output;
    @Option(names = "--sr", paramLabel = "HZ", description = "sample rate audio is decoded at (librosa: sr)")
    int sr;
    @Option(names = "--duration", paramLabel = "S", description = "seconds per clip: cut or zero-padded")
    double duration;
    @Option(names = "--n-fft", paramLabel = "N", description = "FFT size (librosa: n_fft)")
    int nFft;
    @Option(names = "--hop-length", paramLabel = "N", description = "samples between frames (librosa: hop_length)")
    int hopLength;
    @Option(names = "--n-mels", paramLabel = "N", description = "mel bands (librosa: n_mels)")
    int nMels;
    @Option(names = "--frames", paramLabel = "N", description = "frames kept per clip")
    int frames;
    @Option(names = "--order-train", paramLabel = "FILE", description = "row order of the train split (one dia_utt id a line);"
            + " default: the CSV's order")
    Path orderTrain;
    @Option(names = "--order-val", paramLabel = "FILE", description = "row order of the val split (MELD's dev);"
            + " default: the CSV's order")
    Path orderVal;
    @Option(names = "--order-test", paramLabel = "FILE", description = "row order of the test split; default: the CSV's order")
    Path orderTest;
    @Option(names = "--batch-size", paramLabel = "N", description = "clips decoded per ffmpeg process")
    int batchSize;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        MeldParams params = new MeldParams(sr, duration, nFft, hopLength, nMels, frames);
        Meld m = Meld.of(params).withJobs(jobs.get()).withBatchSize(batchSize).withOverwrite(overwrite.overwrite)
                .withProgress(quiet.progress(err))
                .withOrderFile(MeldSplit.TRAIN, orderTrain)
                .withOrderFile(MeldSplit.VAL, orderVal)
                .withOrderFile(MeldSplit.TEST, orderTest);
        MeldResult r = m.run(root, output);
        out.println(r);
        return r.allOk() ? 0 : 1;
    }

    /** The defaults are {@link MeldParams#DEFAULT}'s and the ffmpeg batch size, shown by {@code --help}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec a) {
            MeldParams d = MeldParams.DEFAULT;
            Map<String, Object> m = new HashMap<>();
            m.put("--sr", d.sr());
            m.put("--duration", d.duration());
            m.put("--n-fft", d.nFft());
            m.put("--hop-length", d.hopLength());
            m.put("--n-mels", d.nMels());
            m.put("--frames", d.frames());
            m.put("--batch-size", org.melkit.audio.FfmpegBatchDecoder.DEFAULT_BATCH_SIZE);
            return Options.defaultOf(a, m);
        }
    }
}
