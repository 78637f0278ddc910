package org.melkit.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.melkit.io.Json;
import tech.tablesaw.api.Table;

/** Against scikit-learn 1.9 values (fixtures/evaluation, made by src/test/python/gen_evaluation_fixtures.py). */
class EvaluationTest {
    static Map<String, Object> cases;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/fixtures/evaluation/sklearn_metrics.json"), StandardCharsets.UTF_8);
        cases = (Map<String, Object>) ((Map<String, Object>) Json.toJava(Json.parse(text))).get("cases");
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Object m, String... path) {
        Object o = m;
        for (String k : path) {
            o = ((Map<String, Object>) o).get(k);
        }
        return (T) o;
    }

    static List<String> strings(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    static double[] doubles(Object o) {
        return ((List<?>) o).stream().mapToDouble(v -> v.equals("inf") ? Double.POSITIVE_INFINITY : ((Number) v).doubleValue()).toArray();
    }

    @Test
    void classificationReportMatchesSklearn() {
        Object c = cases.get("multiclass");
        Evaluation e = Evaluation.of(strings(get(c, "y_true")), strings(get(c, "y_pred")));
        assertEquals(strings(get(c, "labels")), e.labels());
        assertEquals(((Number) get(c, "accuracy", "value")).doubleValue(), e.accuracy(), 1e-15);
        Map<String, Object> report = get(c, "report", "value");
        for (int i = 0; i < e.labels().size(); i++) {
            Object r = report.get(e.labels().get(i));
            assertEquals(((Number) get(r, "precision")).doubleValue(), e.precision(i), 1e-15, e.labels().get(i));
            assertEquals(((Number) get(r, "recall")).doubleValue(), e.recall(i), 1e-15);
            assertEquals(((Number) get(r, "f1-score")).doubleValue(), e.f1(i), 1e-15);
            assertEquals(((Number) get(r, "support")).intValue(), e.support(i));
        }
        double[] macro = e.macroAverage();
        double[] weighted = e.weightedAverage();
        String[] keys = {"precision", "recall", "f1-score"};
        for (int j = 0; j < 3; j++) {
            assertEquals(((Number) get(report, "macro avg", keys[j])).doubleValue(), macro[j], 1e-15);
            assertEquals(((Number) get(report, "weighted avg", keys[j])).doubleValue(), weighted[j], 1e-15);
        }
        // the text report, character for character
        assertEquals(get(c, "report_text", "value"), e.toString());
        assertEquals(get(c, "report_text", "value"), e.reportText(2));

        Table t = e.report();
        assertEquals(List.of("class", "precision", "recall", "f1-score", "support"), t.columnNames());
        assertEquals(e.labels().size() + 3, t.rowCount());
        assertEquals("accuracy", t.stringColumn("class").get(e.labels().size()));
        assertEquals(e.accuracy(), t.doubleColumn("f1-score").get(e.labels().size()), 0);
        assertTrue(t.doubleColumn("precision").isMissing(e.labels().size()));
        assertTrue(t.toString().contains("weighted avg"), t.toString());
    }

    @Test
    void confusionMatrixMatchesSklearn() {
        Object c = cases.get("multiclass");
        Evaluation e = Evaluation.of(strings(get(c, "y_true")), strings(get(c, "y_pred")));
        List<List<Number>> cm = get(c, "confusion_matrix", "value");
        int[][] m = e.confusionMatrix();
        for (int i = 0; i < cm.size(); i++) {
            assertArrayEquals(cm.get(i).stream().mapToInt(Number::intValue).toArray(), m[i]);
        }
        Table t = e.confusionTable();
        assertEquals(e.labels().size() + 1, t.columnCount());
        assertEquals(m[1][0], t.intColumn("angry").get(1));
        assertEquals("happy", t.stringColumn(0).get(1));
    }

    @Test
    void oneVsRestRocCurvesAndAucMatchSklearn() {
        Object c = cases.get("ovr");
        List<String> yTrue = strings(get(c, "y_true"));
        List<String> labels = strings(get(c, "labels"));
        List<List<Number>> rows = get(c, "scores");
        double[][] scores = rows.stream().map(r -> r.stream().mapToDouble(Number::doubleValue).toArray()).toArray(double[][]::new);
        List<RocCurve> curves = Roc.oneVsRest(yTrue, scores, labels);
        for (RocCurve rc : curves) {
            Object ref = get(c, "per_class", rc.label());
            assertArrayEquals(doubles(get(ref, "fpr")), rc.fpr(), 1e-15, rc.label() + " fpr");
            assertArrayEquals(doubles(get(ref, "tpr")), rc.tpr(), 1e-15, rc.label() + " tpr");
            assertArrayEquals(doubles(get(ref, "thresholds")), rc.thresholds(), 0, rc.label() + " thresholds");
            assertEquals(((Number) get(ref, "auc")).doubleValue(), rc.auc(), 1e-14, rc.label() + " auc");
            // without dropping intermediate points
            boolean[] pos = new boolean[yTrue.size()];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = yTrue.get(i).equals(rc.label());
            }
            double[] s = new double[yTrue.size()];
            int k = labels.indexOf(rc.label());
            for (int i = 0; i < s.length; i++) {
                s[i] = scores[i][k];
            }
            RocCurve all = Roc.curve(rc.label(), pos, s, false);
            assertArrayEquals(doubles(get(ref, "fpr_all")), all.fpr(), 1e-15);
            assertArrayEquals(doubles(get(ref, "tpr_all")), all.tpr(), 1e-15);
            assertArrayEquals(doubles(get(ref, "thresholds_all")), all.thresholds(), 0);
            assertEquals(rc.auc(), all.auc(), 1e-14, "dropping collinear points keeps the area");
        }
        assertEquals(((Number) get(c, "macro_auc", "value")).doubleValue(), Roc.macroAuc(curves), 1e-14);
        assertEquals(((Number) get(c, "weighted_auc", "value")).doubleValue(), Roc.weightedAuc(curves), 1e-14);
        Table t = Roc.aucTable(curves);
        assertEquals(labels.size() + 2, t.rowCount());
    }

    @Test
    void binaryTiesMatchSklearnAndHand() {
        Object c = cases.get("binary_ties");
        List<Number> y = get(c, "y_true");
        boolean[] pos = new boolean[y.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = y.get(i).intValue() == 1;
        }
        double[] s = doubles(get(c, "scores"));
        RocCurve rc = Roc.curve(pos, s);
        assertArrayEquals(doubles(get(c, "fpr")), rc.fpr(), 1e-15);
        assertArrayEquals(doubles(get(c, "tpr")), rc.tpr(), 1e-15);
        assertArrayEquals(doubles(get(c, "thresholds")), rc.thresholds(), 0);
        assertEquals(((Number) get(c, "auc")).doubleValue(), Roc.aucScore(pos, s), 1e-15);
        // by hand (Mann-Whitney): pairs (positive, negative) with pos > neg count 1, ties 1/2
        double u = 0;
        int np = 0;
        int nn = 0;
        for (int i = 0; i < pos.length; i++) {
            if (!pos[i]) {
                nn++;
                continue;
            }
            np++;
            for (int j = 0; j < pos.length; j++) {
                if (!pos[j]) {
                    u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(u / (np * nn), Roc.aucScore(pos, s), 1e-15);
    }

    @Test
    void badInputsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluation.of(List.of("a"), List.of("a", "b")))
                .getMessage().contains("yTrue has 1 labels but yPred has 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluation.of(List.of("a"), List.of("b"), List.of("a")))
                .getMessage().contains("label 'b'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Roc.aucScore(new boolean[] {true, true}, new double[] {0.1, 0.2}))
                .getMessage().contains("only one class"));
        assertTrue(Double.isNaN(Roc.curve(new boolean[] {true}, new double[] {1}).auc()));
    }
}
