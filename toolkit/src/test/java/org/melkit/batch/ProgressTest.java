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
}
