package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.io.CsvFormatException;
import tech.tablesaw.api.Table;

class MeldCsvTest {
    static final String HEADER = "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void readsQuirksOfRealFiles() throws IOException {
        String nl = "\r\n";
        String text = "\uFEFF" + HEADER + nl
                + "1,\"Oh, my God, \"\"no\"\"!\",Ross,surprise,negative,0,0,8,21,\"00:16:16,059\",\"00:16:21,731\"" + nl
                + "1,\"Two\nlines\",Joey,neutral,neutral,0,1,8,21,\"0:16:21,940\",\"0:16:23,442\"" + nl          // Sr No. repeats
                + "3,I\u0092m sure\u0085 it\u0097s \u0091ok\u0092 \u0093yes\u0094 \u0096 fine,Mr.\u00A0Treeger,JOY ,positive,2,7,1,1,\"00:00:01,000\",\"00:00:02,500\"" + nl
                + "4,\"a\u0085b, c\",Rachel,anger,negative,1,0,2,3,\"1:02:03,004\",\"1:02:04,000\"" + nl + nl;
        List<MeldCsv.Row> rows = MeldCsv.rows(write("train_sent_emo.csv", text));
        assertEquals(4, rows.size());
        assertEquals("Oh, my God, \"no\"!", rows.get(0).utterance());
        assertEquals("surprise", rows.get(0).emotion());
        assertEquals(2, rows.get(0).line());
        assertEquals("Two\nlines", rows.get(1).utterance());
        assertEquals(1, rows.get(1).srNo());
        assertEquals(3, rows.get(1).line());
        assertEquals(16 * 60 + 21.940, rows.get(1).startSeconds(), 1e-9);
        assertEquals("I\u2019m sure\u2026 it\u2014s \u2018ok\u2019 \u201Cyes\u201D \u2013 fine", rows.get(2).utterance());
        assertEquals("Mr. Treeger", rows.get(2).speaker());
        assertEquals("joy", rows.get(2).emotion());
        assertEquals(4, rows.get(2).emotionIndex());
        assertEquals(1, rows.get(2).sentimentIndex());
        assertEquals(5, rows.get(2).line());
        // U+0085 inside a quoted field is text (then normalised), not a line end
        assertEquals("a\u2026b, c", rows.get(3).utterance());
        assertEquals(3600 + 2 * 60 + 3.004, rows.get(3).startSeconds(), 1e-9);
        assertEquals("dia2_utt7.mp4", rows.get(2).clipName());
    }

    @Test
    void lfAndCrlfGiveTheSameRows() throws IOException {
        String body = HEADER + "\n"
                + "1,\"x,\r\ny\",A,fear,negative,5,3,1,1,\"00:00:01,000\",\"00:00:02,000\"\n"
                + "2,plain,B,disgust,negative,5,4,1,1,\"00:00:02,000\",\"00:00:03,000\"\n";
        List<MeldCsv.Row> lf = MeldCsv.rows(write("lf.csv", body));
        List<MeldCsv.Row> crlf = MeldCsv.rows(write("crlf.csv", body.replace("\"\n", "\"\r\n").replace("0\n", "0\r\n")));
        assertEquals(2, lf.size());
        assertEquals(lf.get(0).utterance(), crlf.get(0).utterance());
        assertEquals("x,\r\ny", lf.get(0).utterance());
        assertEquals(lf.get(1), crlf.get(1));
        assertEquals(4, lf.get(1).line()); // the quoted CRLF is one line break
    }

    @Test
    void lastRowWithoutLineEnd() throws IOException {
        List<MeldCsv.Row> rows = MeldCsv.rows(write("a.csv", HEADER + "\n1,hi,A,sadness,negative,0,0,1,1,\"0:00:01,000\",\"0:00:02,000\""));
        assertEquals(1, rows.size());
        assertEquals("sadness", rows.get(0).emotion());
    }

    @Test
    void tableHasMeldColumnsInFileOrder() throws IOException {
        Table t = MeldCsv.table(write("dev_sent_emo.csv", HEADER + "\n"
                + "9,b,B,neutral,neutral,3,1,1,1,\"0:00:01,000\",\"0:00:02,000\"\n"
                + "8,a,A,joy,positive,1,0,1,1,\"0:00:01,000\",\"0:00:02,000\"\n"));
        assertEquals(MeldCsv.COLUMNS, t.columnNames().subList(0, 11));
        assertEquals(2, t.rowCount());
        assertEquals(3, t.intColumn("Dialogue_ID").get(0));
        assertEquals("a", t.stringColumn("Utterance").get(1));
    }

    @Test
    void badHeaderNamesFileAndLine() throws IOException {
        Path p = write("bad.csv", "Sr No.,Utterance,Speaker\n1,a,b\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> MeldCsv.rows(p));
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Dialogue_ID"), e.getMessage());
    }

    @Test
    void unknownLabelNamesRow() throws IOException {
        Path p = write("lab.csv", HEADER + "\n"
                + "1,a,A,neutral,neutral,0,0,1,1,\"0:00:01,000\",\"0:00:02,000\"\n"
                + "2,b,B,happy,positive,0,1,1,1,\"0:00:01,000\",\"0:00:02,000\"\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> MeldCsv.rows(p));
        assertTrue(e.getMessage().contains("lab.csv: line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("happy"), e.getMessage());
        Path s = write("sen.csv", HEADER + "\n1,a,A,neutral,mixed,0,0,1,1,\"0:00:01,000\",\"0:00:02,000\"\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(s)).getMessage().contains("Sentiment 'mixed'"));
    }

    @Test
    void otherErrors() throws IOException {
        Path dup = write("dup.csv", HEADER + "\n"
                + "1,a,A,neutral,neutral,4,2,1,1,\"0:00:01,000\",\"0:00:02,000\"\n"
                + "2,b,B,neutral,neutral,4,2,1,1,\"0:00:01,000\",\"0:00:02,000\"\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(dup)).getMessage().contains("line 3"));
        Path fields = write("fields.csv", HEADER + "\n1,a, b,A,neutral,neutral,4,2,1,1,\"0:00:01,000\",\"0:00:02,000\"\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(fields)).getMessage().contains("12 fields"));
        Path open = write("open.csv", HEADER + "\n1,\"a,A,neutral,neutral,4,2,1,1,0,0\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(open)).getMessage().contains("line 2"));
        Path time = write("time.csv", HEADER + "\n1,a,A,neutral,neutral,4,2,1,1,13:40,\"0:00:02,000\"\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(time)).getMessage().contains("StartTime"));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, (HEADER + "\n1,caf\u00e9,A,neutral,neutral,4,2,1,1,\"0:00:01,000\",\"0:00:02,000\"\n").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.rows(latin1)).getMessage().contains("UTF-8"));
    }

    @Test
    void c1NormalisationTable() {
        assertEquals("\u2019\u2026\u2014\u2018\u201C\u201D\u2013 \u20AC\u0081", MeldCsv.normaliseCp1252Controls("\u0092\u0085\u0097\u0091\u0093\u0094\u0096\u00A0\u0080\u0081"));
        String plain = "nothing to change, caf\u00e9";
        assertTrue(plain == MeldCsv.normaliseCp1252Controls(plain));
    }

    @Test
    void orderKeys() throws IOException {
        List<MeldCsv.Key> keys = MeldCsv.orderKeys(write("order.csv", "\uFEFFdialogue_id,utterance_id\r\n3,1\r\n0,0\r\n"));
        assertEquals(List.of(new MeldCsv.Key(3, 1), new MeldCsv.Key(0, 0)), keys);
        Path bad = write("o2.csv", "dia,utt\n1,1\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.orderKeys(bad)).getMessage().contains("dialogue_id,utterance_id"));
        Path dup = write("o3.csv", "dialogue_id,utterance_id\n1,1\n1,1\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> MeldCsv.orderKeys(dup)).getMessage().contains("line 3"));
    }
}
