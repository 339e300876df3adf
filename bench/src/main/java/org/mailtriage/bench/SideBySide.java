package org.mailtriage.bench;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the same JMH benchmark methods in one JVM, each jar in its own class loader, run in alternating
 * slices and scored in operations per CPU-second of the benchmark thread. On a machine shared with other jobs, JMH's
 * operations per wall-second swing by 2-5x between runs minutes apart; slices a second apart, counted in the thread's own
 * CPU time, see the same machine state, so the ratio between the builds holds where the absolute numbers do not.
 *
 * <p>Usage: {@code SideBySide BEFORE.jar AFTER.jar [--rounds N] [--warmup N] [--slice-ms MS] Class#method ...}, e.g.
 * {@code ClassifierBenchmark#classify}. Each jar must hold the benchmark classes (bench/target/benchmarks.jar). A
 * {@code @Param} field gets its first declared value; {@code @Setup} methods run once; a {@code Blackhole} argument is
 * given one.
 */
public final class SideBySide {
    private static final String JMH = "org.openjdk.jmh.annotations.";
    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SideBySide() {
    }

    /** One build's benchmark method, ready to call. */
    private record Target(String label, Object instance, Method method, Object[] arguments, int operationsPerCall) {
        /** Calls the method for about {@code sliceNanos} of wall time; returns {operations, thread CPU nanoseconds}. */
        long[] slice(long sliceNanos) throws Exception {
            long operations = 0;
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long end = System.nanoTime() + sliceNanos;
            do {
                method.invoke(instance, arguments);
                operations += operationsPerCall;
            } while (System.nanoTime() < end);
            return new long[] {operations, THREADS.getCurrentThreadCpuTime() - cpuStart};
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> benchmarks = new ArrayList<>();
        int rounds = 20;
        int warmupRounds = 5;
        long sliceMillis = 1000;
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: SideBySide BEFORE.jar AFTER.jar [--rounds N] [--warmup N] [--slice-ms MS] Class#method ...");
        }
        for (int index = 2; index < args.length; index++) {
            switch (args[index]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++index]);
                case "--warmup" -> warmupRounds = Integer.parseInt(args[++index]);
                case "--slice-ms" -> sliceMillis = Long.parseLong(args[++index]);
                default -> benchmarks.add(args[index]);
            }
        }
        Path[] jars = {Path.of(args[0]), Path.of(args[1])};
        ClassLoader[] loaders = new ClassLoader[2];
        for (int side = 0; side < 2; side++) {
            if (!Files.isRegularFile(jars[side])) {
                throw new IllegalArgumentException("not a jar: " + jars[side]);
            }
            // The platform loader as parent: nothing of either build is shared with this class's own jar.
            loaders[side] = new URLClassLoader(new URL[] {jars[side].toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }
        System.out.printf(Locale.ROOT, "A = %s%nB = %s%n%d rounds (%d warm-up) of one %d ms slice per build, order alternating;"
                + " score = operations per CPU-second of the benchmark thread%n%n", jars[0], jars[1], rounds, warmupRounds, sliceMillis);
        System.out.printf(Locale.ROOT, "| benchmark | A ops/CPU-s (median) | B ops/CPU-s (median) | B/A median | B/A middle half of rounds |%n");
        System.out.printf(Locale.ROOT, "|---|---:|---:|---:|---|%n");
        for (String benchmark : benchmarks) {
            Target[] targets = {target(loaders[0], benchmark, "A"), target(loaders[1], benchmark, "B")};
            double[][] scores = new double[2][rounds - warmupRounds];
            double[] ratios = new double[rounds - warmupRounds];
            for (int round = 0; round < rounds; round++) {
                double[] score = new double[2];
                for (int turn = 0; turn < 2; turn++) {
                    int side = (round + turn) % 2;
                    long[] result = targets[side].slice(sliceMillis * 1_000_000);
                    score[side] = result[0] / (result[1] / 1e9);
                }
                if (round >= warmupRounds) {
                    scores[0][round - warmupRounds] = score[0];
                    scores[1][round - warmupRounds] = score[1];
                    ratios[round - warmupRounds] = score[1] / score[0];
                }
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.3f | %.3f..%.3f |%n", benchmark, median(scores[0]), median(scores[1]),
                    median(ratios), ratios[ratios.length / 4], ratios[(ratios.length * 3) / 4]);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Target target(ClassLoader loader, String benchmark, String label) throws Exception {
        String[] parts = benchmark.split("#", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("benchmark is Class#method: " + benchmark);
        }
        String className = parts[0].contains(".") ? parts[0] : "org.mailtriage.bench." + parts[0];
        Class<?> type = Class.forName(className, true, loader);
        Object instance = type.getConstructor().newInstance();
        for (Field field : type.getFields()) {
            Annotation param = annotation(field.getAnnotations(), "Param");
            if (param != null) {
                String[] values = (String[]) param.annotationType().getMethod("value").invoke(param);
                field.set(instance, values.length == 0 ? "" : values[0]);
            }
        }
        for (Method method : type.getMethods()) {
            if (annotation(method.getAnnotations(), "Setup") != null) {
                method.invoke(instance);
            }
        }
        Method method = Arrays.stream(type.getMethods()).filter(candidate -> candidate.getName().equals(parts[1])
                && annotation(candidate.getAnnotations(), "Benchmark") != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no @Benchmark method " + benchmark));
        Object[] arguments = new Object[method.getParameterCount()];
        for (int index = 0; index < arguments.length; index++) {
            Class<?> parameter = method.getParameterTypes()[index];
            if (!parameter.getName().equals("org.openjdk.jmh.infra.Blackhole")) {
                throw new IllegalArgumentException(benchmark + ": only Blackhole arguments are supported, not " + parameter.getName());
            }
            Constructor<?> constructor = parameter.getConstructor(String.class);
            arguments[index] = constructor.newInstance(BLACKHOLE_CONSENT);
        }
        Annotation perInvocation = annotation(method.getAnnotations(), "OperationsPerInvocation");
        int operations = perInvocation == null ? 1 : (Integer) perInvocation.annotationType().getMethod("value").invoke(perInvocation);
        return new Target(label, instance, method, arguments, operations);
    }

    private static Annotation annotation(Annotation[] annotations, String simpleName) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(JMH + simpleName)) {
                return annotation;
            }
        }
        return null;
    }
}
