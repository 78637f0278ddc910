package org.melkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.ijava.IJava;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reflective adapter against a kernel of IJava's shape (a test stand-in; IJava is not on Maven Central). */
class KernelBridgeTest {
    @AfterEach
    void reset() {
        IJava.kernel = null;
        KernelBridge.override(null);
    }

    @Test
    void ijavaIsFoundAndGetsEveryMimeTypeAndInPlaceUpdates() {
        IJava.Kernel k = new IJava.Kernel();
        IJava.kernel = k;
        KernelBridge.override(null);
        assertEquals("IJava", Display.kernel());
        Display.show(DisplayTest.tone(8000, 0.1));
        assertEquals(1, k.displays.size());
        IJava.DisplayData d = k.displays.get(0);
        assertTrue(String.valueOf(d.data.get(MimeBundle.HTML)).contains("<audio controls"));
        assertTrue(d.data.containsKey(MimeBundle.PNG) && d.data.containsKey(MimeBundle.TEXT));

        NotebookProgress p = Display.progress();
        p.start("eda", 3);
        p.step("a");
        p.step("b");
        p.step("c");
        p.done();
        assertEquals(2, k.displays.size(), "the bar is one more output");
        String id = k.displays.get(1).id;
        assertTrue(id != null && !k.getIO().display.updates.isEmpty());
        IJava.DisplayData last = k.getIO().display.updates.get(k.getIO().display.updates.size() - 1);
        assertEquals(id, last.id, "updates replace the bar's output");
        assertTrue(String.valueOf(last.data.get(MimeBundle.TEXT)).startsWith("eda: 3/3 (100%)"));
    }

    @Test
    void withoutAKernelInstanceItIsText() {
        KernelBridge.override(null);
        assertEquals("text", Display.kernel());
    }
}
