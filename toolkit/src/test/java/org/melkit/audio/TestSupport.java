package org.melkit.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the audio tests. */
final class TestSupport {
    private TestSupport() {}

    /** Whether ffmpeg can be found (PATH or -Dmelkit.ffmpeg), without running it. */
    static boolean hasFfmpeg() {
        try {
            ExternalTool.FFMPEG.locate(Path.of("probe"));
            return true;
        } catch (AudioFileException e) {
            return false;
        }
    }

    static void assumeFfmpeg() {
        Assumptions.assumeTrue(hasFfmpeg(), "ffmpeg is not installed (Debian: apt-get install ffmpeg): skipped");
    }

    static void assumeFfprobe() {
        boolean ok;
        try {
            ExternalTool.FFPROBE.locate(Path.of("probe"));
            ok = true;
        } catch (AudioFileException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "ffprobe is not installed (Debian: apt-get install ffmpeg): skipped");
    }

    /** Runs ffmpeg with {@code args} after the common options; fails the test on error. */
    static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTool.FFMPEG.locate(Path.of("x")).toString(),
                "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            if (code != 0) {
                throw new AssertionError("ffmpeg failed (" + code + "): " + cmd + "\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A committed test resource. */
    static Path resource(String name) {
        try {
            var url = TestSupport.class.getResource("/" + name);
            if (url == null) {
                throw new AssertionError("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A sine of {@code hz} at amplitude {@code amp}, {@code n} samples at {@code sr}. */
    static float[] sine(double hz, double amp, int n, int sr) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return x;
    }

    /** SNR in dB of {@code test} against {@code ref} over their common length. */
    static double snrDb(float[] ref, float[] test) {
        int n = Math.min(ref.length, test.length);
        double s = 0;
        double e = 0;
        for (int i = 0; i < n; i++) {
            s += (double) ref[i] * ref[i];
            double d = (double) ref[i] - test[i];
            e += d * d;
        }
        return 10 * Math.log10(s / Math.max(e, 1e-300));
    }

    /** Collects the records of the org.melkit.audio logger while open. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("org.melkit.audio");
        final List<LogRecord> records = new ArrayList<>();
        private final boolean parents;

        /** Captures, and keeps the expected warnings off the console. */
        LogCapture() {
            setLevel(Level.ALL);
            parents = logger.getUseParentHandlers();
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            records.add(r);
        }

        synchronized List<String> warnings() {
            return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogRecord::getMessage).toList();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parents);
        }
    }

    /** Sets a system property for the duration of a try block. */
    static AutoCloseable withProperty(String key, String value) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        return () -> {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        };
    }
}
