package org.melkit.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.melkit.io.Csv;
import org.melkit.io.CsvFormatException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * MELD's {@code *_sent_emo.csv} files (declare-lab/MELD): RFC 4180 UTF-8 with an optional BOM,
 * CRLF or LF, the 11 columns {@code Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,
 * Utterance_ID,Season,Episode,StartTime,EndTime} in that order, rows kept in file order.
 *
 * <p>What the reader takes care of:
 * <ul>
 *   <li>quoted fields with commas, doubled quotes and line breaks; C1 characters such as U+0085
 *       inside a field are text, not line ends ({@link Csv#records});</li>
 *   <li>old files (MELD.Raw.tar.gz) hold cp1252 punctuation stored as UTF-8 C1 control
 *       characters (U+0092 for ’, U+0085 for …, U+0097 for —, ...): every text field is mapped
 *       through cp1252 ({@link #normaliseCp1252Controls}) and U+00A0 becomes a plain space, so old
 *       and new files read the same;</li>
 *   <li>{@code Sr No.} is not unique (57 repeats in train): rows are keyed by
 *       ({@code Dialogue_ID}, {@code Utterance_ID}), which must be unique;</li>
 *   <li>timestamps like {@code 00:13:31,060} or {@code 0:13:40,766} (1- or 2-digit hours);</li>
 *   <li>emotion and sentiment must be one of MELD's labels ({@link #EMOTIONS}, {@link #SENTIMENTS}).</li>
 * </ul>
 * Any violation throws {@link CsvFormatException} naming the file and line.
 */
public final class MeldCsv {
    private MeldCsv() {}

    /** MELD's columns, in order. */
    public static final List<String> COLUMNS = List.of("Sr No.", "Utterance", "Speaker", "Emotion", "Sentiment",
            "Dialogue_ID", "Utterance_ID", "Season", "Episode", "StartTime", "EndTime");

    /** Emotion labels in MELD's one-hot order (its README): neutral 0 ... anger 6. */
    public static final List<String> EMOTIONS = List.of("neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger");

    /** Sentiment labels in MELD's one-hot order: neutral 0, positive 1, negative 2. */
    public static final List<String> SENTIMENTS = List.of("neutral", "positive", "negative");

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})[,.](\\d{1,3})");

    /**
     * One utterance row.
     *
     * @param line the 1-based line of the CSV where the row starts
     * @param startSeconds {@code StartTime} in seconds
     * @param endSeconds {@code EndTime} in seconds
     */
    public record Row(int srNo, String utterance, String speaker, String emotion, String sentiment,
                      int dialogueId, int utteranceId, int season, int episode, String startTime, String endTime,
                      double startSeconds, double endSeconds, long line) {
        /** The row's key, unique in a split. */
        public Key key() { return new Key(dialogueId, utteranceId); }

        /** The clip's file name, {@code dia{Dialogue_ID}_utt{Utterance_ID}.mp4}. */
        public String clipName() { return key().clipName(); }

        /** Index of the emotion in {@link #EMOTIONS}. */
        public int emotionIndex() { return EMOTIONS.indexOf(emotion); }

        /** Index of the sentiment in {@link #SENTIMENTS}. */
        public int sentimentIndex() { return SENTIMENTS.indexOf(sentiment); }
    }

    /** A row key: (Dialogue_ID, Utterance_ID). */
    public record Key(int dialogueId, int utteranceId) {
        public String clipName() { return "dia" + dialogueId + "_utt" + utteranceId + ".mp4"; }

        @Override
        public String toString() { return "(" + dialogueId + ", " + utteranceId + ")"; }
    }

    /** The rows of {@code file}, in file order, normalised and validated. */
    public static List<Row> rows(Path file) {
        List<Csv.Record> records = Csv.records(file);
        if (records.isEmpty()) {
            throw new CsvFormatException(file, 1, "the file is empty; expected MELD's header " + String.join(",", COLUMNS));
        }
        Csv.Record header = records.get(0);
        List<String> names = header.fields().stream().map(String::strip).toList();
        if (!names.equals(COLUMNS)) {
            throw new CsvFormatException(file, header.line(), "header is " + String.join(",", names)
                    + "; expected MELD's 11 columns in order: " + String.join(",", COLUMNS));
        }
        List<Row> out = new ArrayList<>(records.size() - 1);
        Map<Key, Long> seen = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record rec = records.get(r);
            List<String> f = rec.fields();
            long line = rec.line();
            if (f.size() != COLUMNS.size()) {
                throw new CsvFormatException(file, line, "row has " + f.size() + " fields, expected " + COLUMNS.size()
                        + " (" + String.join(",", COLUMNS) + "); a field holding commas, quotes or line breaks must be quoted");
            }
            String emotion = label(file, line, "Emotion", f.get(3), EMOTIONS);
            String sentiment = label(file, line, "Sentiment", f.get(4), SENTIMENTS);
            int dia = integer(file, line, "Dialogue_ID", f.get(5));
            int utt = integer(file, line, "Utterance_ID", f.get(6));
            String start = f.get(9).strip();
            String end = f.get(10).strip();
            Row row = new Row(integer(file, line, "Sr No.", f.get(0)), normaliseCp1252Controls(f.get(1)),
                    normaliseCp1252Controls(f.get(2)), emotion, sentiment, dia, utt,
                    integer(file, line, "Season", f.get(7)), integer(file, line, "Episode", f.get(8)),
                    start, end, seconds(file, line, "StartTime", start), seconds(file, line, "EndTime", end), line);
            Long before = seen.putIfAbsent(row.key(), line);
            if (before != null) {
                throw new CsvFormatException(file, line, "Dialogue_ID=" + dia + ", Utterance_ID=" + utt
                        + " repeats the row on line " + before + "; rows are keyed by (Dialogue_ID, Utterance_ID), which must be unique");
            }
            out.add(row);
        }
        return out;
    }

    /**
     * The rows of {@code file} as a Tablesaw table: MELD's 11 columns (ints for {@code Sr No.},
     * the ids, season and episode; text otherwise) plus {@code start_seconds}, {@code end_seconds}
     * and {@code line} (where the row starts in the file), in file order.
     */
    public static Table table(Path file) {
        return toTable(rows(file), file.getFileName().toString());
    }

    /** {@code rows} as a table (see {@link #table(Path)}). */
    public static Table toTable(List<Row> rows, String name) {
        IntColumn sr = IntColumn.create("Sr No.");
        StringColumn utt = StringColumn.create("Utterance");
        StringColumn spk = StringColumn.create("Speaker");
        StringColumn emo = StringColumn.create("Emotion");
        StringColumn sen = StringColumn.create("Sentiment");
        IntColumn dia = IntColumn.create("Dialogue_ID");
        IntColumn uid = IntColumn.create("Utterance_ID");
        IntColumn season = IntColumn.create("Season");
        IntColumn episode = IntColumn.create("Episode");
        StringColumn start = StringColumn.create("StartTime");
        StringColumn end = StringColumn.create("EndTime");
        DoubleColumn startS = DoubleColumn.create("start_seconds");
        DoubleColumn endS = DoubleColumn.create("end_seconds");
        IntColumn line = IntColumn.create("line");
        for (Row r : rows) {
            sr.append(r.srNo());
            utt.append(r.utterance());
            spk.append(r.speaker());
            emo.append(r.emotion());
            sen.append(r.sentiment());
            dia.append(r.dialogueId());
            uid.append(r.utteranceId());
            season.append(r.season());
            episode.append(r.episode());
            start.append(r.startTime());
            end.append(r.endTime());
            startS.append(r.startSeconds());
            endS.append(r.endSeconds());
            line.append((int) r.line());
        }
        return Table.create(name, sr, utt, spk, emo, sen, dia, uid, season, episode, start, end, startS, endS, line);
    }

    /**
     * Maps C1 control characters U+0080..U+009F to the cp1252 characters whose byte they hold
     * (U+0092 -> ’, U+0085 -> …, U+0097 -> —, U+0091 -> ‘, U+0093/U+0094 -> “ ”, U+0096 -> –,
     * U+0080 -> €, ...) and U+00A0 (no-break space) to a space. The five C1 codes cp1252 leaves
     * undefined (U+0081, U+008D, U+008F, U+0090, U+009D) are kept. Other text is unchanged.
     */
    public static String normaliseCp1252Controls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char m = c;
            if (c >= 0x80 && c <= 0x9F) {
                m = CP1252_C1[c - 0x80];
            } else if (c == '\u00A0') {
                m = ' ';
            }
            if (m != c && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(m);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** cp1252 bytes 0x80..0x9F as Unicode; the undefined five map to themselves. */
    private static final char[] CP1252_C1 = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    };

    private static String label(Path file, long line, String column, String value, List<String> allowed) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new CsvFormatException(file, line, column + " '" + value + "' is not one of MELD's labels " + allowed);
        }
        return v;
    }

    private static int integer(Path file, long line, String column, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CsvFormatException(file, line, column + " '" + value + "' is not an integer");
        }
    }

    private static double seconds(Path file, long line, String column, String value) {
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw new CsvFormatException(file, line, column + " '" + value + "' is not a timestamp like 0:13:40,766 or 00:13:31,060");
        }
        String frac = m.group(4);
        return Integer.parseInt(m.group(1)) * 3600.0 + Integer.parseInt(m.group(2)) * 60.0 + Integer.parseInt(m.group(3))
                + Integer.parseInt(frac) / Math.pow(10, frac.length());
    }

    /**
     * Reads an order file: header {@code dialogue_id,utterance_id}, then one key per row. The keys
     * must be unique; whether they match a split is checked by the caller.
     */
    public static List<Key> orderKeys(Path file) {
        List<Csv.Record> records = Csv.records(file);
        if (records.isEmpty()) {
            throw new CsvFormatException(file, 1, "the order file is empty; expected the header dialogue_id,utterance_id");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (!header.equals(List.of("dialogue_id", "utterance_id"))) {
            throw new CsvFormatException(file, records.get(0).line(), "header is " + String.join(",", header)
                    + "; an order file has the header dialogue_id,utterance_id");
        }
        List<Key> keys = new ArrayList<>();
        Map<Key, Long> seen = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record rec = records.get(r);
            if (rec.fields().size() != 2) {
                throw new CsvFormatException(file, rec.line(), "row has " + rec.fields().size() + " fields, expected 2 (dialogue_id,utterance_id)");
            }
            Key k = new Key(integer(file, rec.line(), "dialogue_id", rec.fields().get(0)),
                    integer(file, rec.line(), "utterance_id", rec.fields().get(1)));
            Long before = seen.putIfAbsent(k, rec.line());
            if (before != null) {
                throw new CsvFormatException(file, rec.line(), "key " + k + " repeats line " + before + "; each row may be listed once");
            }
            keys.add(k);
        }
        return keys;
    }
}
