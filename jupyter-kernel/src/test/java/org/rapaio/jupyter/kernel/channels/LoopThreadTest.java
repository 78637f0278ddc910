package org.rapaio.jupyter.kernel.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoopThreadTest {

    @BeforeAll
    static void quietLogs() {
        // the failure tests log on purpose; keep the build output readable
        Logger.getLogger(LoopThread.class.getName()).setUseParentHandlers(false);
    }

    @Test
    void everyStartRunsAtLeastOnePass() throws InterruptedException {
        // 3.0.1 set the flag after Thread.start(): some of these loops ended before their first pass
        int starts = 500;
        CountDownLatch firstPasses = new CountDownLatch(starts);
        LoopThread[] loops = new LoopThread[starts];
        for (int i = 0; i < starts; i++) {
            AtomicInteger passes = new AtomicInteger();
            LoopThread[] self = new LoopThread[1];
            self[0] = new LoopThread("loop-" + i, 0, () -> {
                if (passes.getAndIncrement() == 0) {
                    firstPasses.countDown();
                }
                self[0].shutdown();
            });
            loops[i] = self[0];
            loops[i].start();
        }
        assertTrue(firstPasses.await(60, TimeUnit.SECONDS),
                firstPasses.getCount() + " of " + starts + " loops ended without a pass");
        for (LoopThread loop : loops) {
            loop.join(10_000);
            assertFalse(loop.isAlive(), loop.getName() + " still running after shutdown()");
        }
    }

    @Test
    void aLoopStartedDuringSetUpMakesItsFirstPassAfterTheSetUpReturns() throws InterruptedException {
        // 3.0.1's Channels.connect() started the loops, then registered the handlers: a request in
        // between was dropped. Here fakeConnect plays connect(): it starts the loop, then keeps
        // "registering" for a while; no pass may run before it returns.
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch firstPass = new CountDownLatch(1);
        Predicate<StackTraceElement> setUp = f -> "fakeConnect".equals(f.getMethodName())
                && LoopThreadTest.class.getName().equals(f.getClassName());
        LoopThread loop = new LoopThread("shell-like", 1, () -> {
            passes.incrementAndGet();
            firstPass.countDown();
        }, setUp);
        int passesDuringSetUp = fakeConnect(loop, passes);
        assertEquals(0, passesDuringSetUp, "passes while the set-up was still running");
        assertTrue(firstPass.await(30, TimeUnit.SECONDS), "no pass after the set-up returned");
        loop.shutdown();
        loop.join(10_000);
        assertFalse(loop.isAlive());
    }

    private static int fakeConnect(LoopThread loop, AtomicInteger passes) throws InterruptedException {
        loop.start();
        Thread.sleep(300); // registering handlers
        return passes.get();
    }

    @Test
    void aLoopStartedOutsideTheSetUpRunsAtOnce() throws InterruptedException {
        CountDownLatch firstPass = new CountDownLatch(1);
        LoopThread loop = new LoopThread("late", 1, firstPass::countDown, f -> "fakeConnect".equals(f.getMethodName()));
        loop.start();
        assertTrue(firstPass.await(30, TimeUnit.SECONDS));
        loop.shutdown();
        loop.join(10_000);
        assertFalse(loop.isAlive());
    }

    @Test
    void aFailingPassDoesNotEndTheLoop() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch thirdPass = new CountDownLatch(1);
        LoopThread loop = new LoopThread("shell-like", 1, () -> {
            int n = passes.incrementAndGet();
            if (n <= 2) {
                // what 3.0.1's shell loop met when a message arrived before the handler map existed
                throw new NullPointerException("handlers is null (pass " + n + ")");
            }
            thirdPass.countDown();
        });
        loop.start();
        assertTrue(thirdPass.await(30, TimeUnit.SECONDS), "the loop ended after a failing pass");
        loop.shutdown();
        loop.join(10_000);
        assertFalse(loop.isAlive());
        assertTrue(passes.get() >= 3, "passes=" + passes.get());
    }

    @Test
    void shutdownEndsTheLoopAfterTheCurrentPass() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(5);
        LoopThread loop = new LoopThread("control-like", 1, () -> {
            passes.incrementAndGet();
            running.countDown();
        });
        loop.start();
        assertTrue(running.await(30, TimeUnit.SECONDS));
        loop.shutdown();
        loop.join(10_000);
        assertFalse(loop.isAlive());
        int after = passes.get();
        Thread.sleep(20);
        assertEquals(after, passes.get(), "passes after the thread ended");
    }

    @Test
    void anInterruptEndsTheLoop() throws InterruptedException {
        CountDownLatch sleeping = new CountDownLatch(1);
        LoopThread loop = new LoopThread("iopub-like", 60_000, sleeping::countDown);
        loop.start();
        assertTrue(sleeping.await(30, TimeUnit.SECONDS));
        loop.interrupt();
        loop.join(10_000);
        assertFalse(loop.isAlive(), "an interrupt while sleeping must end the loop");
    }

    @Test
    void anErrorStillEndsTheLoop() throws InterruptedException {
        LoopThread loop = new LoopThread("error", 0, () -> {
            throw new AssertionError("not a RuntimeException");
        });
        loop.setUncaughtExceptionHandler((t, e) -> { });
        loop.start();
        loop.join(10_000);
        assertFalse(loop.isAlive());
    }

    @Test
    void rejectsANegativeSleep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoopThread("x", -1, () -> { }));
        assertTrue(e.getMessage().contains("sleep=-1"), e.getMessage());
    }
}
