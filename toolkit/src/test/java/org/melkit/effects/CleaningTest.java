package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.melkit.io.Npy;
import org.melkit.dsp.Ref;
import org.melkit.features.Trim;

class CleaningTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CleaningTest.class.getResource("/fixtures/clean/" + name).toURI());
    }

    /** Reads a trim fixture: the signal and librosa's [start, end], and the call's keyword arguments. */
    private static void checkTrimCase(String name) throws Exception {
        String call = Files.readString(fixture(name + ".call.txt"));
        Matcher sig = Pattern.compile("np.load\\('([^']+)\\.npy'\\)").matcher(call);
        sig.find();
        float[] y = Npy.read(fixture(sig.group(1) + ".npy")).data();
        float[] idx = Npy.read(fixture(name + ".npy")).data();
        double topDb = Double.parseDouble(arg(call, "top_db", "60"));
        int frame = Integer.parseInt(arg(call, "frame_length", "2048"));
        int hop = Integer.parseInt(arg(call, "hop_length", "512"));
        Trim.Interval iv = Trim.interval(y, topDb, Ref.max(), frame, hop);
        assertEquals((int) idx[0], iv.start(), name + " start (" + call.trim() + ")");
        assertEquals((int) idx[1], iv.end(), name + " end (" + call.trim() + ")");
        if (frame == 2048 && hop == 512) {
            // the cleaning pipeline trims with librosa's default frames: same interval, same samples
            Cleaning.Result r = Cleaning.apply(y, 8000, CleaningParams.none().withTrimTopDb(topDb));
            assertEquals(iv.start(), r.offset(), name);
            assertArrayEquals(Arrays.copyOfRange(y, iv.start(), iv.end()), r.samples(), name);
        }
    }

    private static String arg(String call, String name, String dflt) {
        Matcher m = Pattern.compile(name + "=([0-9.]+)").matcher(call);
        return m.find() ? m.group(1) : dflt;
    }

    @Test
    void trimMatchesLibrosaIndices() throws Exception {
        for (String c : new String[] {"trim1", "trim2", "trim2_80", "trim3", "trim3_20", "trim4"}) {
            checkTrimCase(c);
        }
    }

    @Test
    void stepsComposeInOrder() {
        // silence, a tone at 0.25, silence; trimmed then normalised to 0.5
        float[] y = new float[8000 * 2];
        for (int i = 6000; i < 10000; i++) {
            y[i] = (float) (0.25 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        Cleaning.Result r = Cleaning.apply(y, 8000, CleaningParams.none().withTrimTopDb(60.0).withPeakTarget(0.5));
        assertEquals(16000, r.inputLength());
        float peak = 0;
        for (float v : r.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5f, peak, 1e-6f);
        Trim.Interval iv = Trim.interval(y, 60.0, Ref.max(), 2048, 512);
        assertEquals(iv.start(), r.offset());
        assertEquals(iv.length(), r.length());
        // nothing enabled: unchanged
        assertArrayEquals(y, Cleaning.apply(y, 8000, CleaningParams.none()).samples());
    }
}
