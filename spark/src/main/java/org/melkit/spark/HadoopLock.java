package org.melkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.melkit.io.Json;

/**
 * One run per output on a Hadoop file system, where other runs may be on other hosts: the lock
 * file is created only if absent ({@code create(path, overwrite=false)}: atomic on HDFS; on S3A a
 * check and then a PUT at close, so two runs starting at the same moment may both pass) and holds
 * the holder's host and pid. While held, a daemon thread renews its modification time every
 * {@value #HEARTBEAT_S} s (rewriting it where setTimes does nothing, as on S3A). Another run is refused naming the holder, unless the lock is dead: its
 * holder is a process on this host that is gone, or (on another host, where the pid cannot be
 * checked) its heartbeat is older than {@value #STALE_S} s; a dead lock is taken over.
 * {@link #close()} stops the heartbeat and deletes the lock.
 */
final class HadoopLock implements AutoCloseable {
    static final int HEARTBEAT_S = 15;
    static final int STALE_S = 90;

    private final FileSystem fs;
    private final Path file;
    private final byte[] content;
    private final ScheduledExecutorService heartbeat;
    private boolean released;
    private volatile boolean rewrite; // setTimes did not renew the lock here: rewrite it instead

    private HadoopLock(FileSystem fs, Path file, byte[] content) {
        this.fs = fs;
        this.file = file;
        this.content = content;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "melkit-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::renew, HEARTBEAT_S, HEARTBEAT_S, TimeUnit.SECONDS);
    }

    /** The lock file. */
    Path file() { return file; }

    /**
     * Takes the lock {@code file} for the output {@code output} (named in the refusal).
     *
     * @throws IllegalArgumentException when a live run holds it
     */
    static HadoopLock acquire(FileSystem fs, Path file, String output) {
        long pid = ProcessHandle.current().pid();
        String host = host();
        byte[] mine = (Json.writeLine(Map.of("host", host, "pid", pid, "started", Instant.now().toString())) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (FSDataOutputStream out = fs.create(file, false)) {
                    out.write(mine);
                    out.hsync();
                    return new HadoopLock(fs, file, mine);
                } catch (FileAlreadyExistsException | org.apache.hadoop.fs.ParentNotDirectoryException e) {
                    refuseUnlessDead(fs, file, output, host);
                } catch (IOException e) {
                    if (!fs.exists(file)) {
                        throw e;
                    }
                    refuseUnlessDead(fs, file, output, host); // some file systems report "exists" as a plain IOException
                }
                fs.delete(file, false); // a dead run's lock: take it over (a run that races us for it loses the create above)
            }
            throw new IllegalArgumentException(output + ": cannot take the lock " + file + " (another run keeps replacing it)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void refuseUnlessDead(FileSystem fs, Path file, String output, String host) throws IOException {
        FileStatus st;
        String text;
        try {
            st = fs.getFileStatus(file);
            try (InputStream in = fs.open(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.io.FileNotFoundException e) {
            return; // released meanwhile
        }
        String holderHost = "?";
        long holderPid = -1;
        try {
            var n = Json.MAPPER.readTree(text);
            holderHost = n.path("host").asText("?");
            holderPid = n.path("pid").asLong(-1);
        } catch (IOException | RuntimeException e) {
            // a torn lock (its writer was killed while writing): judged by its age alone
        }
        long ageS = Math.max(0, (System.currentTimeMillis() - st.getModificationTime()) / 1000);
        boolean dead;
        if (holderHost.equals(host) && holderPid > 0) {
            long p = holderPid;
            dead = ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
        } else {
            dead = ageS > STALE_S;
        }
        if (!dead) {
            throw new IllegalArgumentException(output + ": is in use by another melkit run (pid " + holderPid + " on host " + holderHost
                    + ", lock " + file + ", renewed " + ageS + " s ago); wait for it to finish, or choose another --output");
        }
    }

    /**
     * Renews the lock's modification time, or, where times cannot be set, rewrites its content
     * (which renews it too). S3A inherits FileSystem's setTimes, which does nothing and says
     * nothing: so the time is read back, and once it did not move, every later renewal rewrites.
     */
    void renew() {
        if (!rewrite) {
            long now = System.currentTimeMillis();
            try {
                fs.setTimes(file, now, -1);
                if (fs.getFileStatus(file).getModificationTime() >= now - 1000) { // file systems that keep whole seconds
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // rewrite below
            }
            rewrite = true;
        }
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(content);
        } catch (IOException | RuntimeException ignored) {
            // the next renewal tries again; a lock left unrenewed for STALE_S may be taken over
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        heartbeat.shutdownNow();
        try {
            // a renewal that is rewriting the lock would bring it back after the delete below
            heartbeat.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            fs.delete(file, false);
        } catch (IOException ignored) {
            // a lock left behind is judged dead by the next run (its pid or its age)
        }
    }
}
