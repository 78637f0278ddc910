package org.melkit.notebook;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * The running Jupyter kernel, found by reflection so that nothing in melkit depends on one at
 * compile time: rapaio ({@code org.rapaio.jupyter.kernel.MainApp.kernel}), IJava
 * ({@code io.github.spencerpark.ijava.IJava.getKernelInstance()}) or JJava
 * ({@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()}); outside a kernel, plain
 * text on standard output, each display in one write. Package-private: {@link Display} is the API.
 */
abstract class KernelBridge {
    /** Kernel name for messages: "rapaio", "IJava", "JJava" or "text". */
    abstract String name();

    /** Shows {@code b} as a new output; returns its display id (null when it cannot be updated). */
    abstract String display(MimeBundle b);

    /** Replaces the output {@code id} with {@code b}; false when this kernel cannot. */
    abstract boolean update(String id, MimeBundle b);

    boolean isKernel() {
        return true;
    }

    private static volatile KernelBridge detected;

    /** The kernel this JVM runs in (detected once; {@code -Dmelkit.display=text} forces text). */
    static KernelBridge current() {
        KernelBridge k = detected;
        if (k == null) {
            k = detect();
            detected = k;
        }
        return k;
    }

    /** For tests: use {@code k} until reset with null. */
    static void override(KernelBridge k) {
        detected = k;
    }

    private static KernelBridge detect() {
        if ("text".equals(System.getProperty("melkit.display"))) {
            return new Text(System.out);
        }
        KernelBridge k = rapaio();
        if (k == null) {
            k = baseKernel("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance");
        }
        if (k == null) {
            k = baseKernel("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel");
        }
        return k != null ? k : new Text(System.out);
    }

    private static Class<?> find(String name) {
        try {
            return Class.forName(name, false, KernelBridge.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            if (tccl == null) {
                return null;
            }
            try {
                return Class.forName(name, false, tccl);
            } catch (ClassNotFoundException | LinkageError e2) {
                return null;
            }
        }
    }

    /**
     * rapaio, only when this JVM was started as its kernel: reading {@code MainApp.kernel} in any
     * other JVM that merely has the jar on its class path would start a kernel.
     */
    private static KernelBridge rapaio() {
        String cmd = System.getProperty("sun.java.command", "");
        String first = cmd.split(" ", 2)[0];
        boolean started = first.equals("org.rapaio.jupyter.kernel.MainApp")
                || (first.endsWith(".jar") && first.contains("rapaio-jupyter-kernel"));
        if (!started) {
            return null;
        }
        Class<?> main = find("org.rapaio.jupyter.kernel.MainApp");
        Class<?> data = find("org.rapaio.jupyter.kernel.display.DisplayData");
        if (main == null || data == null) {
            return null;
        }
        try {
            Field f = main.getField("kernel");
            Object kernel = f.get(null);
            if (kernel == null) {
                return null;
            }
            Method fromText = data.getMethod("fromText", String.class);
            Method put = data.getMethod("putData", String.class, Object.class);
            Method setId = data.getMethod("setDisplayId", String.class);
            Method display = kernel.getClass().getMethod("display", data);
            Method update = kernel.getClass().getMethod("updateDisplay", data);
            return new KernelBridge() {
                @Override String name() { return "rapaio"; }

                private Object toData(MimeBundle b, String id) throws ReflectiveOperationException {
                    Object d = fromText.invoke(null, b.plainText());
                    for (Map.Entry<String, String> e : b.data().entrySet()) {
                        put.invoke(d, e.getKey(), e.getValue());
                    }
                    setId.invoke(d, id);
                    return d;
                }

                @Override
                String display(MimeBundle b) {
                    String id = UUID.randomUUID().toString();
                    try {
                        display.invoke(kernel, toData(b, id));
                        return id;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("rapaio kernel refused a display: " + e.getCause(), e);
                    }
                }

                @Override
                boolean update(String id, MimeBundle b) {
                    try {
                        update.invoke(kernel, toData(b, id));
                        return true;
                    } catch (ReflectiveOperationException e) {
                        return false;
                    }
                }
            };
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * IJava and JJava share the shape of SpencerPark's base kernel: {@code display(DisplayData)}
     * and {@code getIO().display.updateDisplay(id, DisplayData)}.
     */
    private static KernelBridge baseKernel(String name, String holder, String getter) {
        Class<?> c = find(holder);
        if (c == null) {
            return null;
        }
        try {
            Object kernel = c.getMethod(getter).invoke(null);
            if (kernel == null) {
                return null;
            }
            Method display = null;
            for (Method m : kernel.getClass().getMethods()) {
                if (m.getName().equals("display") && m.getParameterCount() == 1) {
                    display = m;
                }
            }
            if (display == null) {
                return null;
            }
            Class<?> data = display.getParameterTypes()[0];
            Method put = data.getMethod("putData", String.class, Object.class);
            Method setId = data.getMethod("setDisplayId", String.class);
            Object stream = null;
            Method update = null;
            try {
                Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
                stream = io.getClass().getField("display").get(io);
                update = stream.getClass().getMethod("updateDisplay", String.class, data);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // an older kernel without in-place updates: displays still work
            }
            Method show = display;
            Object updater = stream;
            Method updateM = update;
            return new KernelBridge() {
                @Override String name() { return name; }

                private Object toData(MimeBundle b, String id) throws ReflectiveOperationException {
                    Object d = data.getConstructor().newInstance();
                    for (Map.Entry<String, String> e : b.data().entrySet()) {
                        put.invoke(d, e.getKey(), e.getValue());
                    }
                    if (id != null) {
                        setId.invoke(d, id);
                    }
                    return d;
                }

                @Override
                String display(MimeBundle b) {
                    String id = updateM == null ? null : UUID.randomUUID().toString();
                    try {
                        show.invoke(kernel, toData(b, id));
                        return id;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(name + " kernel refused a display: " + e.getCause(), e);
                    }
                }

                @Override
                boolean update(String id, MimeBundle b) {
                    if (updateM == null || id == null) {
                        return false;
                    }
                    try {
                        updateM.invoke(updater, id, toData(b, id));
                        return true;
                    } catch (ReflectiveOperationException e) {
                        return false;
                    }
                }
            };
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Outside a kernel: the plain text, one write per display, so lines never interleave. */
    static final class Text extends KernelBridge {
        private final PrintStream out;

        Text(PrintStream out) {
            this.out = out;
        }

        @Override String name() { return "text"; }

        @Override boolean isKernel() { return false; }

        @Override
        String display(MimeBundle b) {
            String t = b.plainText();
            out.print(t.endsWith("\n") ? t : t + System.lineSeparator());
            out.flush();
            return null;
        }

        @Override
        boolean update(String id, MimeBundle b) {
            return false;
        }
    }
}
