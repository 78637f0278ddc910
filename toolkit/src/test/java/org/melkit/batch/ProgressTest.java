package org.melkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void linesPrintEveryTenthAndTheEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(buf, true, StandardCharsets.UTF_8));
        p.start("extract", 40);
        for (int i = 0; i < 40; i++) {
            p.step("f" + i);
        }
        p.done();
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(11, lines.size(), lines.toString()); // 0%..90% as they are crossed, plus the final line
        assertTrue(lines.get(0).startsWith("extract: 1/40 (2%)"), lines.get(0));
        assertTrue(lines.get(10).startsWith("extract: 40/40 (100%)"), lines.get(10));
    }

    @Test
    void progressObjectsSayWhereTheyStand() {
        assertEquals("Progress.none()", Progress.none().toString());
        Progress p = Progress.lines(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        p.start("summary", 8);
        p.step("a");
        p.step("b");
        assertTrue(p.toString().startsWith("Progress[summary: 2/8 (25%), "), p.toString());
    }

    /** meld runs three tasks on one Progress: each counts from 0 (the bar once reached 388% and crashed drawing it). */
    @Test
    void eachTaskCountsFromZero() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ByteArrayOutputStream bars = new ByteArrayOutputStream();
        for (Progress p : List.of(Progress.lines(new PrintStream(lines, true, StandardCharsets.UTF_8)),
                Progress.bar(new PrintStream(bars, true, StandardCharsets.UTF_8)))) {
            for (String split : List.of("train", "dev", "test")) {
                p.start("meld " + split, 5);
                for (int i = 0; i < 5; i++) {
                    p.step(split + i);
                }
                p.done();
                assertTrue(p.toString().startsWith("Progress[meld " + split + ": 5/5 (100%)"), p.toString());
            }
        }
        List<String> l = lines.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("meld train: 5/5", "meld dev: 5/5", "meld test: 5/5"),
                l.stream().filter(s -> s.contains("100%")).map(s -> s.substring(0, s.indexOf(" ("))).toList(), l.toString());
        assertEquals(15, l.size(), "per task: 20%..80% as crossed and the end " + l);
        String drawn = bars.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("meld test [##############################] 5/5"), drawn);
        assertTrue(drawn.contains("meld train [######") && !drawn.matches("(?s).*\\] ([6-9]|1[0-9])/5 .*"), "never past 5/5: " + drawn);
    }
}
