package org.melkit.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link ChunkDataset#run} built: the metadata (one row per chunk, by source), the failures
 * ({@code source,error}) and counts. {@link #metadata()} and {@link #failures()} are Tablesaw
 * tables built when asked for; {@link #chunk(int)} loads one chunk back. Immutable.
 */
public final class ChunkResult {
    /** One row of {@code metadata.csv}. */
    public record Row(String source, String chunk, String cls, int index, double startS, double endS, int sr) {
        List<Object> csv() {
            return List.of(source, chunk, cls, index, seconds(startS), seconds(endS), sr);
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private final Path input;
    private final Path output;
    private final ChunkDataset.Params params;
    private final int sources;
    private final int processed;
    private final int resumed;
    private final List<Row> rows;
    private final Map<String, String> failures;
    private final List<String> withoutChunks;
    private final List<String> notAudio;
    private final List<String> vanished;
    private final List<String> removed;

    ChunkResult(Path input, Path output, ChunkDataset.Params params, int sources, int processed, int resumed, List<Row> rows,
                Map<String, String> failures, List<String> withoutChunks, List<String> notAudio, List<String> vanished, List<String> removed) {
        this.input = input;
        this.output = output;
        this.params = params;
        this.sources = sources;
        this.processed = processed;
        this.resumed = resumed;
        this.rows = List.copyOf(rows);
        this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        this.withoutChunks = List.copyOf(withoutChunks);
        this.notAudio = List.copyOf(notAudio);
        this.vanished = List.copyOf(vanished);
        this.removed = List.copyOf(removed);
    }

    public Path input() { return input; }

    public Path output() { return output; }

    public ChunkDataset.Params params() { return params; }

    /** Inputs found (audio files and broken links). */
    public int sources() { return sources; }

    /** Inputs cut in this run. */
    public int processed() { return processed; }

    /** Inputs whose chunks an earlier run made and that still hold. */
    public int resumed() { return resumed; }

    /** The rows of {@code metadata.csv}, by source then index. */
    public List<Row> rows() { return rows; }

    /** Chunks written or kept. */
    public int chunks() { return rows.size(); }

    /** Failed inputs (relative to the input) to the reason, sorted by source. */
    public Map<String, String> failureMap() { return failures; }

    public int failureCount() { return failures.size(); }

    /** Sources that gave no chunk (shorter than one chunk with {@code last=drop}, or empty). */
    public List<String> withoutChunks() { return withoutChunks; }

    /** Files below the input that are not audio (by extension), not read. */
    public List<String> notAudio() { return notAudio; }

    /** Inputs of an earlier run that are gone now (their chunks were removed), sorted. */
    public List<String> vanished() { return vanished; }

    /** Chunk files removed because their input is gone or now fails. */
    public List<String> removed() { return removed; }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return failures.isEmpty() ? 0 : 1; }

    /** {@code metadata.csv} as a table. */
    public Table metadata() {
        StringColumn source = StringColumn.create("source");
        StringColumn chunk = StringColumn.create("chunk");
        StringColumn cls = StringColumn.create("class");
        IntColumn index = IntColumn.create("index");
        DoubleColumn start = DoubleColumn.create("start_s");
        DoubleColumn end = DoubleColumn.create("end_s");
        IntColumn sr = IntColumn.create("sr");
        for (Row r : rows) {
            source.append(r.source());
            chunk.append(r.chunk());
            cls.append(r.cls());
            index.append(r.index());
            start.append(r.startS());
            end.append(r.endS());
            sr.append(r.sr());
        }
        return Table.create("metadata", source, chunk, cls, index, start, end, sr);
    }

    /** {@code failures.csv} as a table: {@code source,error}. */
    public Table failures() {
        return ExtractResult.failuresTable(failures);
    }

    /** Chunk {@code row} of the metadata, loaded back at its own rate. */
    public AudioClip chunk(int row) {
        return Audio.load(output.resolve(rows.get(row).chunk()), LoadOptions.NATIVE);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "ChunkResult[%s -> %s: %d sources (%d processed, %d resumed), %d chunks of %s s, %d failed, %d without chunks, %d not audio]",
                input, output, sources, processed, resumed, rows.size(), seconds(params.chunk().seconds()).replaceAll("0+$", "").replaceAll("\\.$", ""),
                failures.size(), withoutChunks.size(), notAudio.size()));
        if (!vanished.isEmpty()) {
            sb.append("\n  ").append(vanished.size()).append(" input(s) of the earlier run are gone; their chunks were removed: ")
                    .append(String.join(", ", vanished.subList(0, Math.min(5, vanished.size()))))
                    .append(vanished.size() > 5 ? ", ..." : "");
        }
        ExtractResult.appendFailures(sb, failures);
        return sb.toString();
    }
}
