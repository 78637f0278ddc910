package org.melkit.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Test media made at test time with ffmpeg (tests skip when it is not installed). */
final class MediaFixtures {
    private MediaFixtures() {}

    static boolean hasFfmpeg() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void assumeFfmpeg() {
        Assumptions.assumeTrue(hasFfmpeg(), "ffmpeg is not installed (apt-get install ffmpeg); media tests skipped");
    }

    static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + cmd + ": " + out);
        }
    }

    /** An AAC .mp4 holding a sine at {@code freq} Hz for {@code seconds}, at {@code sr} Hz. */
    static Path sineMp4(Path out, double freq, double seconds, int sr) throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        ffmpeg("-f", "lavfi", "-i", String.format(Locale.ROOT, "sine=frequency=%s:sample_rate=%d:duration=%s", freq, sr, seconds),
                "-c:a", "aac", "-b:a", "64k", "-ar", Integer.toString(sr), "file:" + out);
        return out;
    }

    /** A video-only .mp4 (no audio stream). */
    static Path videoOnlyMp4(Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        ffmpeg("-f", "lavfi", "-i", "color=c=black:s=16x16:d=0.5:r=10", "-c:v", "mpeg4", "-an", "file:" + out);
        return out;
    }

    /** Bytes that no decoder reads. */
    static Path garbage(Path out) throws IOException {
        Files.createDirectories(out.getParent());
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        Files.write(out, b);
        return out;
    }
}
