package org.melkit.effects;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A chain of transforms, each applied with its own probability, in order (audiomentations'
 * {@code Compose([...])} with each transform's {@code p}). For every step one uniform draw
 * decides whether it runs; a step that runs then draws its parameters from the same generator,
 * so one seed reproduces the whole chain. The result lists only the steps that ran.
 */
public final class Compose implements Transform {
    /** One step: a transform and the probability in [0, 1] that it is applied. */
    public record Step(Transform transform, double p) {
        public Step {
            Objects.requireNonNull(transform, "transform");
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p=" + p + " for " + transform.name()
                        + " must be a probability in [0, 1]; typical: 0.5");
            }
        }
    }

    private final List<Step> steps;

    private Compose(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Compose of(List<Step> steps) {
        return new Compose(steps);
    }

    public static Compose of(Step... steps) {
        return new Compose(List.of(steps));
    }

    /** A one-line way to build a step. */
    public static Step step(Transform t, double p) {
        return new Step(t, p);
    }

    /** This chain with one more step at the end. */
    public Compose with(Transform t, double p) {
        List<Step> s = new ArrayList<>(steps);
        s.add(new Step(t, p));
        return new Compose(s);
    }

    public List<Step> steps() { return steps; }

    @Override
    public String name() { return "compose"; }

    @Override
    public List<String> parameterNames() { return List.of(); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        float[] cur = y;
        List<Applied> applied = new ArrayList<>();
        for (Step s : steps) {
            if (rng.nextDouble() < s.p()) {
                Augmented a = s.transform().apply(cur, sr, rng);
                cur = a.samplesUnsafe();
                applied.addAll(a.applied());
            }
        }
        return new Augmented(cur == y ? y.clone() : cur, sr, applied);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Compose c && c.steps.equals(steps);
    }

    @Override
    public int hashCode() { return steps.hashCode(); }

    @Override
    public String toString() {
        return steps.stream().map(s -> s.transform() + " p=" + s.p()).collect(Collectors.joining(", ", "Compose[", "]"));
    }
}
