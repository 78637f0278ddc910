package org.melkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-scope driver for {@code src/test/python/resample_quality.py}: resamples raw float32
 * little-endian files with {@link Resampler} and times it. Not part of the library.
 *
 * <pre>
 * batch JOBS       each line of JOBS: IN OUT SR_IN SR_OUT (raw float32 files)
 * bench IN SR_IN SR_OUT REPS   prints "bench SR_IN SR_OUT n best_ms median_ms best_cpu_ms"
 * </pre>
 */
final class ResamplerQualityMain {
    private ResamplerQualityMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("batch")) {
            List<String> jobs = Files.readAllLines(Path.of(args[1]));
            for (String job : jobs) {
                if (job.isBlank()) {
                    continue;
                }
                String[] f = job.trim().split("\\s+");
                float[] x = read(Path.of(f[0]));
                float[] y = Resampler.resample(x, Integer.parseInt(f[2]), Integer.parseInt(f[3]));
                write(Path.of(f[1]), y);
            }
        } else if (args.length == 5 && args[0].equals("bench")) {
            float[] x = read(Path.of(args[1]));
            int srIn = Integer.parseInt(args[2]);
            int srOut = Integer.parseInt(args[3]);
            int reps = Integer.parseInt(args[4]);
            Resampler r = Resampler.of(srIn, srOut);
            for (int i = 0; i < Math.max(20, reps); i++) { // JIT warm-up
                r.resample(x);
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            double[] ms = new double[reps];
            double cpu = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                r.resample(x);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu = Math.min(cpu, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
            }
            java.util.Arrays.sort(ms);
            System.out.printf(java.util.Locale.ROOT, "bench %d %d %d %.4f %.4f %.4f%n",
                    srIn, srOut, x.length, ms[0], ms[reps / 2], cpu);
        } else {
            System.err.println("usage: batch JOBS | bench IN SR_IN SR_OUT REPS");
            System.exit(2);
        }
    }

    static float[] read(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 4];
        b.asFloatBuffer().get(x);
        return x;
    }

    static void write(Path p, float[] y) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(y);
        Files.write(p, b.array());
    }
}
