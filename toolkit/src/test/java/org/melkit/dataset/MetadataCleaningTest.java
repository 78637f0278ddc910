package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.melkit.dataset.MetadataCleaning.Cleaned;
import org.melkit.dataset.MetadataCleaning.Imputation;
import org.melkit.dataset.MetadataCleaning.TextCase;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MetadataCleaningTest {
    static Table tracks() {
        return Table.create("tracks",
                StringColumn.create("title", "Blue", "  Red  Song ", "Blue", "Green", "blue"),
                StringColumn.create("genre", "rock", "", "rock", "Jazz\t", "pop"),
                IntColumn.create("year", new int[] {1990, 2001, 1990, 2000, 1995}),
                DoubleColumn.create("tempo", 120.0, Double.NaN, 120.0, 90.0, Double.NaN));
    }

    @Test
    void dropMissingReportsEachDroppedRow() {
        Table t = tracks();
        Cleaned c = MetadataCleaning.dropMissing(t);
        assertEquals(List.of("Blue", "Blue", "Green"), c.table().stringColumn("title").asList());
        assertEquals(3, c.table().rowCount());
        assertEquals(2, c.changeCount());
        assertEquals(1, c.changes().intColumn("row").get(0));
        assertEquals("genre;tempo", c.changes().stringColumn("column").get(0));
        assertEquals(4, c.changes().intColumn("row").get(1));
        assertEquals(5, t.rowCount(), "the input is not modified");
        // only the genre column: row 1 dropped
        assertEquals(4, MetadataCleaning.dropMissing(t, "genre").table().rowCount());
        assertTrue(c.toString().startsWith("dropMissing: 2 of 5 rows dropped"), c.toString());
    }

    @Test
    void imputeMeanMedianMode() {
        Table t = tracks();
        t.intColumn("year").setMissing(4);
        Cleaned c = MetadataCleaning.imputeMissing(t, Map.of("tempo", Imputation.MEAN, "year", Imputation.MEDIAN, "genre", Imputation.MODE));
        assertEquals(110.0, c.table().doubleColumn("tempo").get(1), 0.0);
        assertEquals(110.0, c.table().doubleColumn("tempo").get(4), 0.0);
        // median of 1990, 2001, 1990, 2000 = 1995.0
        assertEquals(1995, c.table().intColumn("year").get(4));
        assertEquals("rock", c.table().stringColumn("genre").get(1));
        assertEquals(4, c.changeCount());
        assertTrue(c.summary().contains("tempo: mean 110.0 x2"), c.summary());
        assertTrue(c.summary().contains("genre: mode 'rock' x1"), c.summary());
        assertTrue(t.doubleColumn("tempo").isMissing(1), "the input is not modified");
        assertThrows(IllegalArgumentException.class, () -> MetadataCleaning.imputeMissing(t, Map.of("genre", Imputation.MEAN)));
        assertThrows(IllegalArgumentException.class, () -> MetadataCleaning.imputeMissing(t, Map.of("nope", Imputation.MODE)));
    }

    @Test
    void modeTiesGoToTheSmallestValue() {
        Table t = Table.create("t", StringColumn.create("g", "b", "a", "", "b", "a"));
        assertEquals("a", MetadataCleaning.imputeMissing(t, Map.of("g", Imputation.MODE)).table().stringColumn("g").get(2));
    }

    @Test
    void standardiseTextThenDropDuplicates() {
        Table t = tracks();
        Cleaned s = MetadataCleaning.standardiseText(t, TextCase.LOWER);
        assertEquals("red song", s.table().stringColumn("title").get(1));
        assertEquals("jazz", s.table().stringColumn("genre").get(3));
        assertEquals("blue", s.table().stringColumn("title").get(0));
        assertEquals(5, s.changeCount()); // Blue, Red Song, Blue, Green, Jazz\t
        assertEquals("  Red  Song ", s.changes().stringColumn("before").get(1));
        assertEquals("Caf\u00e9 Del Mar", MetadataCleaning.standardise("Cafe\u0301\u00A0 Del\nMar ", TextCase.KEEP));
        Cleaned d = MetadataCleaning.dropDuplicates(s.table(), "title", "genre");
        assertEquals(4, d.table().rowCount()); // row 2 duplicates row 0 (blue, rock); row 4 is (blue, pop)
        assertEquals(2, d.changes().intColumn("row").get(0));
        assertEquals("duplicate of row 0", d.changes().stringColumn("before").get(0));
        Cleaned all = MetadataCleaning.dropDuplicates(t);
        assertEquals(4, all.table().rowCount());
        assertEquals(0, MetadataCleaning.dropDuplicates(all.table()).changeCount());
    }
}
