package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.AudioFileException.Reason;

/**
 * Formats decoded by ffmpeg, made at test time from a generated tone. Skipped (with a message)
 * when ffmpeg is not installed, except the tests of what happens without it.
 */
class FfmpegDecoderTest {
    private static final int SR = 16000;

    @TempDir
    Path dir;
    private Path wav;
    private Path stereo;
    private AudioClip tone;

    @BeforeEach
    void tone() {
        float[] a = TestSupport.sine(440, 0.5, SR, SR);
        float[] b = TestSupport.sine(660, 0.3, SR, SR);
        wav = dir.resolve("tone.wav");
        Audio.writeWav(wav, AudioClip.mono(a, SR));
        tone = Audio.load(wav, LoadOptions.NATIVE);
        stereo = dir.resolve("stereo.wav");
        Audio.writeWav(stereo, AudioClip.of(new float[][] {a, b}, SR));
    }

    private Path encode(Path src, String name, String... codec) {
        TestSupport.assumeFfmpeg();
        Path out = dir.resolve(name);
        String[] args = new String[codec.length + 3];
        args[0] = "-i";
        args[1] = src.toString();
        System.arraycopy(codec, 0, args, 2, codec.length);
        args[args.length - 1] = out.toString();
        TestSupport.ffmpeg(args);
        return out;
    }

    @Test
    void flacIsBitExact() {
        Path flac = encode(wav, "tone.flac", "-c:a", "flac");
        assertEquals(tone, Audio.load(flac, LoadOptions.NATIVE));
        Path flac2 = encode(stereo, "stereo.flac", "-c:a", "flac");
        LoadOptions raw = LoadOptions.NATIVE.withMono(false);
        assertEquals(Audio.load(stereo, raw), Audio.load(flac2, raw));
        assertEquals(Audio.load(stereo, LoadOptions.NATIVE), Audio.load(flac2, LoadOptions.NATIVE));
    }

    @Test
    void offsetAndDurationCutTheSameFramesAsTheWavReader() {
        Path flac = encode(stereo, "stereo.flac", "-c:a", "flac");
        for (LoadOptions o : new LoadOptions[] {
            LoadOptions.NATIVE.withOffset(0.0123).withDuration(0.25),
            LoadOptions.NATIVE.withOffset(0.9),
            LoadOptions.NATIVE.withDuration(0.3337).withMono(false),
            LoadOptions.NATIVE.withDuration(0.0),
            LoadOptions.NATIVE.withOffset(3.0),
        }) {
            assertEquals(Audio.load(stereo, o), Audio.load(flac, o), o.toString());
        }
    }

    @Test
    void aiffIsBitExact() {
        assertEquals(tone, Audio.load(encode(wav, "tone.aiff"), LoadOptions.NATIVE));
    }

    @Test
    void mp3HonoursEncoderDelayAndPadding() {
        Path mp3 = encode(wav, "tone.mp3", "-c:a", "libmp3lame", "-b:a", "128k");
        AudioClip c = Audio.load(mp3, LoadOptions.NATIVE);
        assertEquals(SR, c.sampleRate());
        assertTrue(Math.abs(c.length() - SR) <= 2048, "length " + c.length());
        assertEquals(SR, c.length(), "LAME's gapless header gives back exactly the frames encoded");
        assertEquals(0, bestLag(tone.samples(), c.samples(), 64), "an encoder delay left in shifts the signal");
        double snr = TestSupport.snrDb(tone.samples(), c.samples());
        assertTrue(snr > 20, "SNR " + snr + " dB");
    }

    /** The shift of {@code y} against {@code x} (within +-maxLag) that maximises the SNR. */
    private static int bestLag(float[] x, float[] y, int maxLag) {
        int best = 0;
        double bestSnr = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            int from = Math.max(0, lag);
            float[] a = java.util.Arrays.copyOfRange(x, from, x.length);
            float[] b = java.util.Arrays.copyOfRange(y, Math.max(0, -lag), y.length);
            double snr = TestSupport.snrDb(a, b);
            if (snr > bestSnr) {
                bestSnr = snr;
                best = lag;
            }
        }
        return best;
    }

    @Test
    void lossyContainers() {
        for (String[] f : new String[][] {
            {"tone.ogg", "-c:a", "libvorbis"},
            {"tone.m4a", "-c:a", "aac", "-b:a", "128k"},
        }) {
            String[] codec = java.util.Arrays.copyOfRange(f, 1, f.length);
            AudioClip c = Audio.load(encode(wav, f[0], codec), LoadOptions.NATIVE);
            assertEquals(SR, c.sampleRate(), f[0]);
            assertTrue(Math.abs(c.length() - SR) <= 2048, f[0] + " length " + c.length());
            double snr = TestSupport.snrDb(tone.samples(), c.samples());
            assertTrue(snr > 20, f[0] + " SNR " + snr + " dB");
        }
    }

    @Test
    void opusDecodesAt48kHz() {
        AudioClip c = Audio.load(encode(wav, "tone.opus", "-c:a", "libopus"), LoadOptions.NATIVE);
        assertEquals(48000, c.sampleRate());
        assertTrue(Math.abs(c.length() - 3 * SR) <= 2048, "length " + c.length());
        assertTrue(Math.abs(c.peak() - 0.5) < 0.05, "peak " + c.peak());
    }

    @Test
    void adpcmWavFallsBackToFfmpeg() {
        Path adpcm = encode(wav, "adpcm.wav", "-c:a", "adpcm_ima_wav");
        AudioClip c = Audio.load(adpcm, LoadOptions.NATIVE);
        assertEquals(SR, c.sampleRate());
        double snr = TestSupport.snrDb(tone.samples(), c.samples());
        assertTrue(snr > 20, "SNR " + snr + " dB");
    }

    @Test
    void fileWithoutAudioStream() {
        TestSupport.assumeFfmpeg();
        Path png = dir.resolve("image.png");
        TestSupport.ffmpeg("-f", "lavfi", "-i", "color=c=red:s=8x8", "-frames:v", "1", png.toString());
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(png));
        assertEquals(Reason.NO_AUDIO_STREAM, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("no audio stream") && e.getMessage().contains("-map, 0:a:0"), e.getMessage());
        TestSupport.assumeFfprobe();
        AudioFileException p = assertThrows(AudioFileException.class, () -> Audio.probe(png));
        assertEquals(Reason.NO_AUDIO_STREAM, p.reason(), p.getMessage());
    }

    @Test
    void garbageIsNotAudioAndTheMessageCarriesFfmpegsStderr() throws Exception {
        TestSupport.assumeFfmpeg();
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        Path p = Files.write(dir.resolve("junk.mp3"), junk);
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(p));
        assertTrue(e.reason() == Reason.NOT_AUDIO || e.reason() == Reason.CORRUPT, e.reason() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("junk.mp3") && e.getMessage().contains("ffmpeg stderr"), e.getMessage());
    }

    @Test
    void missingFfmpegFromAProperty() throws Exception {
        Path ogg = dir.resolve("x.ogg");
        Files.write(ogg, "OggS-not-really".getBytes());
        try (var prop = TestSupport.withProperty("melkit.ffmpeg", dir.resolve("bin/ffmpeg").toString())) {
            AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(ogg));
            assertEquals(Reason.FFMPEG_MISSING, e.reason());
            assertTrue(e.getMessage().contains("-Dmelkit.ffmpeg=" + dir.resolve("bin/ffmpeg")), e.getMessage());
        }
    }

    @Test
    void missingFfmpegOnPathSaysHowToInstallIt() throws Exception {
        Assumptions.assumeTrue(System.getenv("MELKIT_FFMPEG") == null, "MELKIT_FFMPEG is set: skipped");
        try (var prop = TestSupport.withProperty("melkit.ffmpeg", "")) { // blank: no override
            AudioFileException e = assertThrows(AudioFileException.class,
                    () -> ExternalTool.FFMPEG.locate(Path.of("a.mp3"), dir.toString()));
            assertEquals(Reason.FFMPEG_MISSING, e.reason());
            assertTrue(e.getMessage().contains("ffmpeg not found on PATH; install it (Debian: apt-get install ffmpeg)"),
                    e.getMessage());
            // on a cluster the failure row must say which machine lacks ffmpeg
            assertTrue(e.getMessage().endsWith(" (on host " + AudioFileException.host() + ")"), e.getMessage());
            assertFalse(AudioFileException.host().isBlank());
        }
    }

    @Test
    void anInterruptStopsALongDecodeAndKeepsTheFlag() throws Exception {
        // a fake ffmpeg that streams a float WAV header and then zeros forever
        Path fake = dir.resolve("fake-ffmpeg");
        Files.writeString(fake, "#!/bin/sh\n"
                + "printf 'RIFF\\377\\377\\377\\377WAVEfmt \\020\\000\\000\\000\\003\\000\\001\\000\\200\\076\\000\\000"
                + "\\000\\372\\000\\000\\004\\000\\040\\000data\\377\\377\\377\\377'\n"
                + "exec cat /dev/zero\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path any = Files.write(dir.resolve("any.mp3"), new byte[] {1, 2, 3});
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        try (var prop = TestSupport.withProperty("melkit.ffmpeg", fake.toString())) {
            // a huge offset: frames are skipped, not stored, so nothing grows while we wait
            Thread t = new Thread(() -> {
                try {
                    Audio.load(any, LoadOptions.NATIVE.withOffset(1e7));
                } catch (Throwable e) {
                    thrown.set(e);
                }
                flag.set(Thread.currentThread().isInterrupted());
            });
            t.start();
            Thread.sleep(300);
            t.interrupt();
            t.join(10_000);
            assertTrue(!t.isAlive(), "decode did not stop after the interrupt");
        }
        UncheckedIOException e = assertInstanceOf(UncheckedIOException.class, thrown.get());
        assertInstanceOf(InterruptedIOException.class, e.getCause());
        assertTrue(flag.get(), "the interrupt flag must stay set");
    }

    @Test
    void decoderIsReusableAcrossFilesAndThreads() throws Exception {
        Path flac = encode(wav, "tone.flac", "-c:a", "flac");
        FfmpegDecoder d = FfmpegDecoder.locate(flac);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<AudioClip>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> d.decode(flac, FrameWindow.ALL)));
            }
            for (var f : futures) {
                assertEquals(tone, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
