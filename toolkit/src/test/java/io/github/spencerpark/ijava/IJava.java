package io.github.spencerpark.ijava;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for IJava's entry point with the shape melkit's display adapter finds by reflection
 * ({@code IJava.getKernelInstance().display(DisplayData)} and
 * {@code getIO().display.updateDisplay(id, DisplayData)}), so the adapter is tested without the
 * kernel, which Maven Central does not serve. Null until a test installs a kernel.
 */
public final class IJava {
    private IJava() {}

    public static volatile Kernel kernel;

    public static Kernel getKernelInstance() {
        return kernel;
    }

    /** The shape of SpencerPark's DisplayData that the adapter uses. */
    public static class DisplayData {
        public final Map<String, Object> data = new LinkedHashMap<>();
        public String id;

        public DisplayData() {}

        public void putData(String mime, Object value) { data.put(mime, value); }

        public void setDisplayId(String id) { this.id = id; }
    }

    public static final class Stream {
        public final List<DisplayData> updates = new ArrayList<>();

        public void updateDisplay(String id, DisplayData d) {
            d.setDisplayId(id);
            updates.add(d);
        }
    }

    public static final class IO {
        public final Stream display = new Stream();
    }

    public static final class Kernel {
        public final List<DisplayData> displays = new ArrayList<>();
        private final IO io = new IO();

        public void display(DisplayData d) { displays.add(d); }

        public IO getIO() { return io; }
    }
}
