package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.melkit.batch.Progress;
import org.melkit.features.MelParams;
import org.melkit.plot.Colormap;
import org.melkit.plot.DbScale;
import org.melkit.plot.SpectrogramImage;
import org.melkit.plot.SpectrogramImageDataset;

/**
 * {@code melkit images --input DIR --output DIR [--sr 22050] [--n-fft 2048] [--hop-length 512]
 * [--n-mels 128] [--seconds S] [--width 128] [--height 128] [--colormap grey|magma]
 * [--floor-db -80] [--top-db 0] [--jobs N] [--no-progress]}: one mel-spectrogram PNG per clip in
 * class folders ({@link SpectrogramImageDataset}). Exit 0, or 1 when some inputs failed.
 */
final class ImagesCommand implements Command {
    @Override
    public String name() { return "images"; }

    @Override
    public String summary() { return "mel spectrogram PNGs (fixed size, grey or magma) in class folders for image CNNs"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        MelParams mel = MelParams.of(a.integer("sr", 22050), a.integer("n-fft", 2048), a.integer("hop-length", 512),
                a.integer("n-mels", 128));
        Double seconds = a.number("seconds", null);
        String cm = a.string("colormap", "grey").toUpperCase(Locale.ROOT).replace("GRAY", "GREY");
        Colormap colormap;
        try {
            colormap = Colormap.valueOf(cm);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--colormap " + cm.toLowerCase(Locale.ROOT) + ": expected grey or magma");
        }
        SpectrogramImage.Options image = new SpectrogramImage.Options(a.integer("width", 128), a.integer("height", 128),
                new DbScale(a.number("floor-db", -80.0), a.number("top-db", 0.0)), colormap);
        int jobs = a.integer("jobs", 0);
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        SpectrogramImageDataset.Result r = SpectrogramImageDataset.run(input, output,
                new SpectrogramImageDataset.Options(mel, seconds, image, jobs), quiet ? Progress.none() : Progress.terminal(err));
        out.println(r);
        if (!r.ok()) {
            err.println("melkit images: " + r.failures().size() + " input(s) failed; see " + output.resolve("failures.csv"));
            return 1;
        }
        return 0;
    }
}
