package org.melkit.dataset;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * Cleaning helpers for a music-metadata table (title, artist, genre, year, ...): missing values
 * (drop the row, or impute the column's mean, median or mode), whitespace and case
 * standardisation of text, and duplicate removal. Each returns a {@link Cleaned}: a new table
 * (the input is not modified) and a table of every change, so nothing changes silently.
 *
 * <p>Missing means Tablesaw's missing value (NaN, the integer sentinels, an empty string); a text
 * cell holding only whitespace is missing too. Rows in the change report are 0-based indexes
 * into the table that was passed in.
 *
 * <pre>{@code
 * Cleaned c = MetadataCleaning.imputeMissing(tracks, Map.of("year", Imputation.MEDIAN, "genre", Imputation.MODE));
 * c            // summary line + the changes
 * c.table()    // the cleaned table
 * }</pre>
 */
public final class MetadataCleaning {
    private MetadataCleaning() {}

    /** How a missing value is filled. */
    public enum Imputation {
        /** The column mean of present values (numeric columns; rounded half-up for integer columns). */
        MEAN,
        /** The column median of present values, as numpy's (the mean of the two middle values for an even count; rounded for integer columns). */
        MEDIAN,
        /** The most frequent present value (any column type); ties go to the smallest value, so the result is deterministic. */
        MODE
    }

    /** Letter case applied by {@link #standardiseText}. */
    public enum TextCase { KEEP, LOWER, UPPER }

    /** The header of every change report. */
    public static final List<String> CHANGE_COLUMNS = List.of("operation", "row", "column", "before", "after");

    /**
     * The result of one cleaning step.
     *
     * @param table the cleaned table (a new table)
     * @param changes {@code operation,row,column,before,after}, one row per changed cell or dropped row
     * @param summary one line saying what changed
     */
    public record Cleaned(Table table, Table changes, String summary) {
        /** How many cells or rows changed. */
        public int changeCount() { return changes.rowCount(); }

        @Override
        public String toString() {
            return summary + (changes.rowCount() == 0 ? "" : "\n" + (changes.rowCount() > 20
                    ? changes.first(20).print() + "\n... " + (changes.rowCount() - 20) + " more changes" : changes.print()));
        }
    }

    /** Drops every row missing a value in any of {@code columns} (every column when none are given). */
    public static Cleaned dropMissing(Table t, String... columns) {
        List<Column<?>> cols = columns(t, columns);
        Table changes = emptyChanges();
        Selection keep = Selection.withRange(0, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            List<String> missing = new ArrayList<>();
            for (Column<?> c : cols) {
                if (isMissing(c, i)) {
                    missing.add(c.name());
                }
            }
            if (!missing.isEmpty()) {
                keep.removeRange(i, i + 1);
                change(changes, "drop_missing", i, String.join(";", missing), "missing", "(row dropped)");
            }
        }
        Table out = t.where(keep);
        return new Cleaned(out, changes, "dropMissing: " + changes.rowCount() + " of " + t.rowCount() + " rows dropped ("
                + out.rowCount() + " left) for a missing " + names(cols));
    }

    /** Fills missing values per column: {@code how} maps a column name to its imputation. */
    public static Cleaned imputeMissing(Table t, Map<String, Imputation> how) {
        Objects.requireNonNull(how, "how");
        Table out = t.copy();
        Table changes = emptyChanges();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Imputation> e : new TreeMap<>(how).entrySet()) {
            Column<?> c = column(out, e.getKey());
            int filled = impute(c, e.getValue(), changes, parts);
            if (filled == 0) {
                parts.add(c.name() + ": nothing missing");
            }
        }
        return new Cleaned(out, changes, "imputeMissing: " + changes.rowCount() + " cell(s) filled; " + String.join("; ", parts));
    }

    private static int impute(Column<?> c, Imputation how, Table changes, List<String> parts) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (isMissing(c, i)) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        if (missing.size() == c.size()) {
            throw new IllegalArgumentException("column '" + c.name() + "' has no present value to compute a " + how
                    + " from; drop the column or its rows (dropMissing) instead");
        }
        String op = "impute_" + how.name().toLowerCase(Locale.ROOT);
        if (how == Imputation.MODE) {
            int source = modeRow(c);
            String shown = c.getString(source);
            for (int i : missing) {
                String before = c.getString(i);
                copyCell(c, source, i);
                change(changes, op, i, c.name(), before, shown);
            }
            parts.add(c.name() + ": mode '" + shown + "' x" + missing.size());
            return missing.size();
        }
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + "; " + how
                    + " needs a numeric column; use Imputation.MODE for text");
        }
        double[] present = new double[c.size() - missing.size()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!isMissing(c, i)) {
                present[k++] = n.getDouble(i);
            }
        }
        double v = how == Imputation.MEAN ? Arrays.stream(present).sum() / present.length : median(present);
        String shown;
        if (c instanceof DoubleColumn || c instanceof FloatColumn) {
            shown = c instanceof FloatColumn ? Float.toString((float) v) : Double.toString(v);
        } else {
            long r = Math.round(v);
            shown = Long.toString(r) + (r != v ? " (" + v + " rounded)" : "");
        }
        for (int i : missing) {
            String before = c.getString(i);
            setNumber(c, i, v);
            change(changes, op, i, c.name(), before, c.getString(i));
        }
        parts.add(c.name() + ": " + how.name().toLowerCase(Locale.ROOT) + " " + shown + " x" + missing.size());
        return missing.size();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static void setNumber(Column<?> c, int i, double v) {
        if (c instanceof DoubleColumn d) {
            d.set(i, v);
        } else if (c instanceof FloatColumn f) {
            f.set(i, (float) v);
        } else if (c instanceof IntColumn ic) {
            ic.set(i, (int) Math.round(v));
        } else if (c instanceof LongColumn l) {
            l.set(i, Math.round(v));
        } else if (c instanceof ShortColumn s) {
            s.set(i, (short) Math.round(v));
        } else {
            throw new IllegalArgumentException("column '" + c.name() + "' of type " + c.type() + " cannot be imputed numerically; use MODE");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void copyCell(Column<T> c, int from, int to) {
        c.set(to, c.get(from));
    }

    /** The first row holding the most frequent present value; ties go to the smallest value. */
    private static int modeRow(Column<?> c) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        for (int i = 0; i < c.size(); i++) {
            if (!isMissing(c, i)) {
                String key = c.getString(i);
                count.merge(key, 1, Integer::sum);
                firstRow.putIfAbsent(key, i);
            }
        }
        int best = -1;
        for (Map.Entry<String, Integer> e : firstRow.entrySet()) {
            int row = e.getValue();
            if (best < 0) {
                best = row;
                continue;
            }
            int cmpCount = Integer.compare(count.get(e.getKey()), count.get(c.getString(best)));
            if (cmpCount > 0 || (cmpCount == 0 && compareCells(c, row, best) < 0)) {
                best = row;
            }
        }
        return best;
    }

    private static int compareCells(Column<?> c, int a, int b) {
        if (c instanceof NumericColumn<?> n) {
            return Double.compare(n.getDouble(a), n.getDouble(b));
        }
        return c.getString(a).compareTo(c.getString(b));
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * Standardises text cells of {@code columns} (every string column when none are given):
     * Unicode NFC, leading/trailing whitespace removed, inner runs of whitespace (tabs, newlines,
     * no-break spaces) collapsed to one space, then the letter case ({@link Locale#ROOT}).
     */
    public static Cleaned standardiseText(Table t, TextCase textCase, String... columns) {
        Objects.requireNonNull(textCase, "textCase");
        Table out = t.copy();
        List<Column<?>> cols = columns.length == 0
                ? out.columns().stream().filter(c -> c.type() == ColumnType.STRING).toList()
                : columns(out, columns);
        Table changes = emptyChanges();
        Map<String, Integer> perColumn = new LinkedHashMap<>();
        for (Column<?> c : cols) {
            if (!(c instanceof StringColumn s)) {
                throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + ", not text; standardiseText works on string columns");
            }
            for (int i = 0; i < s.size(); i++) {
                String before = s.get(i);
                String after = standardise(before, textCase);
                if (!after.equals(before)) {
                    s.set(i, after);
                    change(changes, "standardise_text", i, s.name(), before, after);
                    perColumn.merge(s.name(), 1, Integer::sum);
                }
            }
        }
        return new Cleaned(out, changes, "standardiseText(" + textCase + "): " + changes.rowCount() + " cell(s) changed"
                + (perColumn.isEmpty() ? "" : " " + perColumn) + " in " + names(cols));
    }

    /** One text value standardised as {@link #standardiseText} does. */
    public static String standardise(String s, TextCase textCase) {
        if (s == null) {
            return null;
        }
        String v = SPACES.matcher(Normalizer.normalize(s, Normalizer.Form.NFC).replace('\u00A0', ' ')).replaceAll(" ").strip();
        return switch (textCase) {
            case KEEP -> v;
            case LOWER -> v.toLowerCase(Locale.ROOT);
            case UPPER -> v.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * Drops rows whose values in {@code columns} (every column when none are given) equal those
     * of an earlier row, keeping the first (pandas' {@code drop_duplicates(keep='first')}).
     * Values compare as Tablesaw prints them; standardise text first to catch case and
     * whitespace variants.
     */
    public static Cleaned dropDuplicates(Table t, String... columns) {
        List<Column<?>> cols = columns(t, columns);
        Table changes = emptyChanges();
        Map<List<String>, Integer> first = new HashMap<>();
        Selection keep = Selection.withRange(0, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            List<String> key = new ArrayList<>(cols.size());
            for (Column<?> c : cols) {
                key.add(c.getString(i));
            }
            Integer j = first.putIfAbsent(key, i);
            if (j != null) {
                keep.removeRange(i, i + 1);
                change(changes, "drop_duplicate", i, names(cols), "duplicate of row " + j, "(row dropped)");
            }
        }
        Table out = t.where(keep);
        return new Cleaned(out, changes, "dropDuplicates: " + changes.rowCount() + " of " + t.rowCount() + " rows dropped ("
                + out.rowCount() + " left), compared on " + names(cols));
    }

    /** Whether cell {@code i} of {@code c} is missing (a whitespace-only string counts as missing). */
    public static boolean isMissing(Column<?> c, int i) {
        if (c.isMissing(i)) {
            return true;
        }
        return c instanceof StringColumn s && s.get(i).isBlank();
    }

    private static List<Column<?>> columns(Table t, String... names) {
        if (names.length == 0) {
            return new ArrayList<>(t.columns());
        }
        List<Column<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(column(t, n));
        }
        return out;
    }

    private static Column<?> column(Table t, String name) {
        if (!t.containsColumn(name)) {
            throw new IllegalArgumentException("column '" + name + "' is not in table '" + t.name() + "'; columns: " + t.columnNames());
        }
        return t.column(name);
    }

    private static String names(List<Column<?>> cols) {
        return cols.stream().map(Column::name).toList().toString();
    }

    private static Table emptyChanges() {
        return Table.create("changes", StringColumn.create("operation"), IntColumn.create("row"), StringColumn.create("column"),
                StringColumn.create("before"), StringColumn.create("after"));
    }

    private static void change(Table changes, String op, int row, String column, String before, String after) {
        changes.stringColumn("operation").append(op);
        changes.intColumn("row").append(row);
        changes.stringColumn("column").append(column);
        changes.stringColumn("before").append(before == null ? "" : before);
        changes.stringColumn("after").append(after == null ? "" : after);
    }
}
