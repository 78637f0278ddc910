package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audio.load against librosa 0.11's {@code load} on the committed fixtures of
 * {@code src/test/python/gen_load_fixtures.py}; the exact call is in each case's JSON sidecar.
 * {@code exact} cases must be bit-identical (float32) with librosa's shape; {@code lossy} ones
 * (ADPCM, Vorbis, MP3: a different decoder than libsndfile's) must be within 2048 samples in
 * length and at least 50 dB SNR over the common part, the conformance kit's lossy gate.
 */
class LibrosaParityTest {
    private static final String DIR = "fixtures/load/";

    @SuppressWarnings("unchecked")
    static Stream<String> cases() throws IOException {
        Map<String, Object> index = org.melkit.io.Json.MAPPER.readValue(
                Files.readString(TestSupport.resource(DIR + "cases.json")), Map.class);
        return ((List<Object>) index.get("cases")).stream().map(Object::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesLibrosa(String id) throws IOException {
        Map<String, Object> c = org.melkit.io.Json.MAPPER.readValue(Files.readString(TestSupport.resource(DIR + id + ".json")), Map.class);
        String call = (String) c.get("call");
        if (Boolean.TRUE.equals(c.get("needs_ffmpeg"))) {
            Assumptions.assumeTrue(TestSupport.hasFfmpeg(), "ffmpeg is not installed: skipped " + call);
        }
        Map<String, Object> p = (Map<String, Object>) c.get("params");
        Number duration = (Number) p.get("duration");
        LoadOptions options = new LoadOptions(null, (Boolean) p.get("mono"), ((Number) p.get("offset")).doubleValue(),
                duration == null ? null : duration.doubleValue());
        Path source = TestSupport.resource(DIR + c.get("source"));
        AudioClip clip;
        try (var log = new TestSupport.LogCapture()) { // the truncated fixture warns, as it should
            clip = Audio.load(source, options);
        }
        TestNpyAudio.Array ref = TestNpyAudio.read(TestSupport.resource(DIR + id + ".npy"));

        assertEquals(((Number) c.get("sr")).intValue(), clip.sampleRate(), call);
        int rows = ref.shape().length == 1 ? 1 : ref.shape()[0];
        assertEquals(rows, clip.channelCount(), call + ": channels (librosa shape " + c.get("shape") + ")");
        if ("exact".equals(c.get("tolerance"))) {
            assertEquals(ref.length(), clip.length(), call);
            for (int r = 0; r < rows; r++) {
                assertArrayEquals(ref.row(r), clip.channel(r), call + ": row " + r);
            }
        } else {
            assertTrue(Math.abs(ref.length() - clip.length()) <= 2048,
                    call + ": length " + clip.length() + " vs librosa " + ref.length());
            for (int r = 0; r < rows; r++) {
                double snr = TestSupport.snrDb(ref.row(r), clip.channel(r));
                assertTrue(snr >= 50, call + ": row " + r + " SNR " + snr + " dB < 50 dB");
            }
        }
    }
}
