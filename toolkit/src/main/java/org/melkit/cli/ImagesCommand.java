package org.melkit.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.melkit.features.MelParams;
import org.melkit.dataset.ImagesParams;
import org.melkit.dataset.ImagesResult;
import org.melkit.dataset.SpectrogramImageDataset;
import org.melkit.plot.Colormap;
import org.melkit.plot.DbScale;
import org.melkit.plot.SpectrogramImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit images --input DIR --output DIR}: one mel-spectrogram PNG per clip in class
 * folders ({@link SpectrogramImageDataset}). Exit 0, 1 when some inputs failed, 2 when a batch
 * rule refuses the run (nothing touched).
 */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "mel spectrogram PNGs (fixed size, grey or magma) in class folders for image CNNs")
final class ImagesCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "class folders of audio files")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "PNGs in the same class folders + images.csv")
    Path output;
    @Option(names = "--sr", paramLabel = "HZ", defaultValue = "22050", description = "sample rate audio is loaded at (librosa: sr)")
    int sr;
    @Option(names = "--n-fft", paramLabel = "N", defaultValue = "2048", description = "FFT size (librosa: n_fft)")
    int nFft;
    @Option(names = "--hop-length", paramLabel = "N", defaultValue = "512", description = "samples between frames (librosa: hop_length)")
    int hopLength;
    @Option(names = "--n-mels", paramLabel = "N", defaultValue = "128", description = "mel bands = image rows before scaling (librosa: n_mels)")
    int nMels;
    @Option(names = "--seconds", paramLabel = "S", description = "audio per image: cut or zero-padded; default: the whole clip")
    Double seconds;
    @Option(names = "--width", paramLabel = "PX", defaultValue = "128", description = "image width")
    int width;
    @Option(names = "--height", paramLabel = "PX", defaultValue = "128", description = "image height")
    int height;
    @Option(names = "--colormap", paramLabel = "grey|magma", defaultValue = "grey", description = "grey levels or matplotlib's magma")
    String colormap;
    @Option(names = "--floor-db", paramLabel = "DB", defaultValue = "-80.0", description = "dB (relative to the clip's maximum) drawn black")
    double floorDb;
    @Option(names = "--top-db", paramLabel = "DB", defaultValue = "0.0", description = "dB (relative to the clip's maximum) drawn white")
    double topDb;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        MelParams mel = MelParams.of(sr, nFft, hopLength, nMels);
        String cm = colormap.toUpperCase(Locale.ROOT).replace("GRAY", "GREY");
        Colormap c;
        try {
            c = Colormap.valueOf(cm);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--colormap " + colormap + ": expected grey or magma");
        }
        SpectrogramImage.Options image = new SpectrogramImage.Options(width, height, new DbScale(floorDb, topDb), c);
        ImagesResult r = SpectrogramImageDataset.of(new ImagesParams(mel, seconds, image)).withJobs(jobs.get())
                .withOverwrite(overwrite.overwrite).withProgress(quiet.progress(err)).run(input, output);
        out.println(r.toString().lines().findFirst().orElse(""));
        if (!r.removed().isEmpty()) {
            out.printf("%d input(s) of the earlier run are gone; removed %d stale output(s) (of inputs gone, renamed or now failing)%n",
                    r.vanished().size(), r.removed().size());
        }
        if (!r.ok()) {
            err.println("melkit images: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }
}
