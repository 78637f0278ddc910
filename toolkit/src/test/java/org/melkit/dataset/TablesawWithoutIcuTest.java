package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.melkit.ml.Evaluation;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The build excludes ICU4J (13 MB) from Tablesaw's dependencies: Tablesaw uses it only to guess
 * the charset of a file it reads, and melkit never reads through Tablesaw. This keeps the
 * exclusion honest: ICU4J is really absent, and the tables melkit builds still work, including
 * Tablesaw's static start-up (its ClassGraph scan that registers the readers, which name
 * ICU4J's detector in their signatures).
 */
class TablesawWithoutIcuTest {
    @Test
    void icu4jIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.ibm.icu.text.CharsetDetector"));
    }

    @Test
    void melkitTablesBuildPrintAndSortWithoutIcu4j() {
        Evaluation e = Evaluation.of(List.of("cat", "dog", "dog", "cat"), List.of("cat", "dog", "cat", "cat"));
        Table report = e.report();
        assertTrue(report.rowCount() >= 2, report.print());
        assertTrue(report.print().contains("precision"), report.print());
        Table c = e.confusionTable();
        assertEquals(2, c.rowCount());
        Table sorted = report.sortDescendingOn(report.column(0).name());
        assertEquals(report.rowCount(), sorted.rowCount());
        assertTrue(Table.defaultReaderRegistry.getReaderForExtension("csv") != null, "Tablesaw's readers registered at start-up");
    }
}
