package org.melkit.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded train/test splits of N items, as index arrays into the items.
 * {@link #stratified} mirrors sklearn's {@code train_test_split(..., stratify=y, shuffle=True)}
 * (each label's test count is {@code round(testSize * count)}, so within 1 of
 * {@code testSize * count}); {@link #grouped} keeps every group (speaker) on one side with the
 * test share as close to {@code testSize} as the group sizes allow (an exact subset sum).
 * Both are deterministic for a seed, and both return each side in shuffled order.
 */
public final class Splits {
    private Splits() {}

    /** Indices of the training and test items, each in shuffled order. */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() { return train.clone(); }

        @Override
        public int[] test() { return test.clone(); }

        public int size() { return train.length + test.length; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Split[train %d, test %d (%.1f%%)]", train.length, test.length,
                    size() == 0 ? 0.0 : 100.0 * test.length / size());
        }
    }

    public static void checkTestSize(double testSize) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("testSize=" + testSize + " must be in (0, 1), the test share (sklearn: test_size); typical: 0.2");
        }
    }

    /**
     * A shuffled split stratified by {@code labels}: for each label (ascending), its items are
     * shuffled and the first {@code round(testSize * count)} go to test.
     */
    public static Split stratified(int[] labels, double testSize, long seed) {
        checkTestSize(testSize);
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random rng = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> idx : byLabel.values()) {
            shuffle(idx, rng);
            int nTest = (int) Math.round(testSize * idx.size());
            test.addAll(idx.subList(0, nTest));
            train.addAll(idx.subList(nTest, idx.size()));
        }
        return finish(train, test, rng);
    }

    /**
     * A shuffled split that keeps each group (e.g. speaker) wholly on one side. Groups are
     * shuffled with {@code seed}; the test side is the first subset (in that order) whose size is
     * closest to {@code testSize * N} (ties: the smaller), found by an exact subset-sum over
     * group sizes. With few, large groups the share can be far from {@code testSize} (two
     * speakers give 0 or 50 %): it is as close as the groups allow.
     */
    public static Split grouped(String[] groups, double testSize, long seed) {
        checkTestSize(testSize);
        Map<String, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> order = new ArrayList<>(byGroup.values());
        Random rng = new Random(seed);
        shuffle(order, rng);
        int n = groups.length;
        int g = order.size();
        // pick[s] = 1 + the group (in shuffled order) that first completed a subset summing to s
        int[] pick = new int[n + 1];
        boolean[] reach = new boolean[n + 1];
        reach[0] = true;
        for (int k = 0; k < g; k++) {
            int size = order.get(k).size();
            for (int s = n; s >= size; s--) {
                if (!reach[s] && reach[s - size]) {
                    reach[s] = true;
                    pick[s] = k + 1;
                }
            }
        }
        double target = testSize * n;
        int best = 0;
        for (int s = 0; s <= n; s++) {
            if (reach[s] && Math.abs(s - target) < Math.abs(best - target)) {
                best = s;
            }
        }
        boolean[] inTest = new boolean[g];
        for (int s = best; s > 0; ) {
            int k = pick[s] - 1;
            inTest[k] = true;
            s -= order.get(k).size();
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < g; k++) {
            (inTest[k] ? test : train).addAll(order.get(k));
        }
        return finish(train, test, rng);
    }

    private static Split finish(List<Integer> train, List<Integer> test, Random rng) {
        train.sort(null);
        test.sort(null);
        shuffle(train, rng);
        shuffle(test, rng);
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Fisher-Yates with {@code rng} (Collections.shuffle's algorithm, spelled out so the sequence is fixed here). */
    private static <T> void shuffle(List<T> list, Random rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Per-label counts of {@code labels} at {@code indices}: {@code counts[label]}. */
    public static int[] labelCounts(int[] labels, int[] indices, int nLabels) {
        int[] c = new int[nLabels];
        for (int i : indices) {
            c[labels[i]]++;
        }
        return c;
    }

    static String counts(int[] c) {
        return Arrays.toString(c);
    }
}
