package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.RefusedRunException;

/** The batch rules (issue 8) as {@code corpora} keeps them. */
class CorporaRulesTest {
    static final CorporaParams P = EmotionCorporaTest.P;

    @TempDir
    Path tmp;

    EmotionCorpora builder(CorporaParams p) {
        return EmotionCorpora.of(p).withJobs(2).withDecoder(TestWav.decoder());
    }

    /** Scenario 9, rules 1, 5 and 6: other parameters refused, output inside a corpus refused, NaN audio a failure, links followed. */
    @Test
    void refusalsNonFiniteAudioAndLinks() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        Path tess = roots.get(Corpus.TESS);
        float[] y = TestWav.sine(300, 0.3, 22050, 0.5);
        y[3] = Float.NEGATIVE_INFINITY;
        TestWav.writeFloat(tess.resolve("OAF_angry/OAF_nan_angry.wav"), y, 22050);
        Path out = tmp.resolve("out");
        CorporaResult r = builder(P).run(roots, out);
        assertTrue(r.failureMap().containsKey("tess:OAF_angry/OAF_nan_angry.wav"), r.toString());
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("tess:OAF_angry/OAF_nan_angry.wav,non-finite samples (1 of "));

        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> builder(P.withSeed(7)).run(roots, out));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
        e = assertThrows(RefusedRunException.class, () -> builder(P).withOverwrite(true).run(roots, tess.resolve("out")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        assertFalse(Files.exists(tess.resolve("out")));
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");
        CorporaResult again = builder(P.withSeed(7)).withOverwrite(true).run(roots, out);
        assertEquals(r.trainCount() + r.testCount(), again.trainCount() + again.testCount());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"seed\": 7"));
    }
}
