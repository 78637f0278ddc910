package org.melkit.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SplitsTest {
    static void assertCoversOnce(Splits.Split s, int n) {
        int[] all = new int[n];
        for (int i : s.train()) {
            all[i]++;
        }
        for (int i : s.test()) {
            all[i]++;
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, all[i], "item " + i + " must be on exactly one side");
        }
    }

    @Test
    void stratifiedTestCountsAreWithinOneOfTheTargetPerLabel() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(300);
            int k = 1 + r.nextInt(8);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(k);
            }
            double ts = 0.05 + 0.9 * r.nextDouble();
            Splits.Split s = Splits.stratified(labels, ts, trial);
            assertCoversOnce(s, n);
            int[] all = Splits.labelCounts(labels, java.util.stream.IntStream.range(0, n).toArray(), k);
            int[] test = Splits.labelCounts(labels, s.test(), k);
            for (int l = 0; l < k; l++) {
                assertTrue(Math.abs(test[l] - ts * all[l]) <= 1.0, "label " + l + ": " + test[l] + " vs " + ts * all[l]);
            }
        }
    }

    @Test
    void splitsAreReproducibleForASeedAndDifferForAnother() {
        int[] labels = new int[200];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7;
        }
        Splits.Split a = Splits.stratified(labels, 0.2, 42);
        Splits.Split b = Splits.stratified(labels, 0.2, 42);
        Splits.Split c = Splits.stratified(labels, 0.2, 43);
        assertArrayEquals(a.test(), b.test());
        assertArrayEquals(a.train(), b.train());
        assertFalse(Arrays.equals(a.test(), c.test()));
        int[] sortedA = a.test().clone();
        Arrays.sort(sortedA);
        assertFalse(Arrays.equals(sortedA, a.test()), "the test side is shuffled, not in input order");

        String[] groups = new String[200];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = "s" + (i % 20);
        }
        assertArrayEquals(Splits.grouped(groups, 0.2, 1).test(), Splits.grouped(groups, 0.2, 1).test());
        Set<String> g1 = testGroups(groups, Splits.grouped(groups, 0.2, 1));
        Set<String> g2 = testGroups(groups, Splits.grouped(groups, 0.2, 2));
        assertFalse(g1.equals(g2), "another seed picks other speakers");
    }

    static Set<String> testGroups(String[] groups, Splits.Split s) {
        Set<String> g = new HashSet<>();
        for (int i : s.test()) {
            g.add(groups[i]);
        }
        return g;
    }

    @Test
    void groupedKeepsGroupsWholeAndIsAsCloseToTheTargetAsPossible() {
        Random r = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int g = 1 + r.nextInt(12);
            Map<String, Integer> sizes = new TreeMap<>();
            int n = 0;
            for (int i = 0; i < g; i++) {
                int sz = 1 + r.nextInt(30);
                sizes.put("spk" + i, sz);
                n += sz;
            }
            String[] groups = new String[n];
            int at = 0;
            for (Map.Entry<String, Integer> e : sizes.entrySet()) {
                for (int j = 0; j < e.getValue(); j++) {
                    groups[at++] = e.getKey();
                }
            }
            // shuffle the item order: grouping must not depend on contiguity
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                String t = groups[i];
                groups[i] = groups[j];
                groups[j] = t;
            }
            double ts = 0.1 + 0.5 * r.nextDouble();
            Splits.Split s = Splits.grouped(groups, ts, trial);
            assertCoversOnce(s, n);
            Set<String> test = testGroups(groups, s);
            Set<String> train = new HashSet<>();
            for (int i : s.train()) {
                train.add(groups[i]);
            }
            train.retainAll(test);
            assertTrue(train.isEmpty(), "no group on both sides: " + train);
            // brute force over all subsets
            int[] sz = sizes.values().stream().mapToInt(Integer::intValue).toArray();
            double best = Double.MAX_VALUE;
            for (int mask = 0; mask < (1 << g); mask++) {
                int sum = 0;
                for (int b = 0; b < g; b++) {
                    if ((mask >> b & 1) == 1) {
                        sum += sz[b];
                    }
                }
                best = Math.min(best, Math.abs(sum - ts * n));
            }
            assertEquals(best, Math.abs(s.test().length - ts * n), 1e-9, "trial " + trial);
        }
    }

    @Test
    void testSizeOutsideTheOpenUnitIntervalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.stratified(new int[3], 1.0, 1));
        assertTrue(e.getMessage().contains("testSize=1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.grouped(new String[] {"a"}, 0.0, 1));
    }
}
