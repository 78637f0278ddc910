package org.melkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS in this JVM for a test class: one NameNode and one DataNode of Hadoop's
 * {@link MiniDFSCluster} (the shaded {@code hadoop-client-minicluster}, the Hadoop that Spark
 * brings) on 127.0.0.1 with ephemeral ports, its storage in a temporary folder deleted at the end.
 * Spark reaches it through its {@link #uri() hdfs://127.0.0.1:PORT} URI alone, as it would a
 * cluster's NameNode.
 *
 * <pre>{@code
 * @RegisterExtension static final MiniHdfs HDFS = new MiniHdfs(); // started once per test class
 * ...
 * String in = HDFS.copyUp(localFolder, "/in");                   // hdfs://127.0.0.1:PORT/in
 * String labels = HDFS.readString("/out/labels.json");
 * }</pre>
 *
 * Outside JUnit: {@link #start()} and {@link #close()}.
 *
 * <p>It is quiet: Hadoop logs through SLF4J, which has no provider but slf4j-nop on this class
 * path. {@code src/test/resources/webapps/{hdfs,datanode}} hold the (empty) web apps of the
 * NameNode's and DataNode's HTTP servers as folders, so that Jetty serves them in place instead of
 * first unpacking them by reading through the whole 56 MB minicluster jar (measured: about 4 s less
 * for each start in a warm JVM, under load).
 */
public final class MiniHdfs implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private Path base;
    private MiniDFSCluster cluster;
    private FileSystem fs;

    /** Starts the cluster before the test class's first test. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    /** Stops the cluster and deletes its storage after the test class's last test. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /** Starts the NameNode and DataNode and waits until the DataNode has registered. */
    public MiniHdfs start() throws IOException {
        if (cluster != null) {
            throw new IllegalStateException("MiniHdfs is already running at " + uri());
        }
        base = Files.createTempDirectory("melkit-minihdfs-");
        Configuration conf = new Configuration();
        // everything on the loopback address, on ports the system picks
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        // one DataNode holds every block; small blocks would only add round trips for these test files
        conf.setInt("dfs.replication", 1);
        try {
            cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
            cluster.waitActive();
            // a client of its own, outside Hadoop's per-URI cache: the code under test opens its
            // file system through FileSystem.get on its own (Spark's) configuration
            fs = FileSystem.newInstance(uri(), conf);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** {@code hdfs://127.0.0.1:PORT} of the running NameNode. */
    public URI uri() {
        running();
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    /** {@code hdfs://127.0.0.1:PORT/path} for an absolute {@code path} ({@code /in/tones}). */
    public String uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path=" + path + " must be absolute (start with /)");
        }
        return uri() + path;
    }

    /** The client file system of the cluster (Hadoop's, on the cluster's own configuration). */
    public FileSystem fileSystem() {
        running();
        return fs;
    }

    /**
     * Copies the local folder {@code local} (every file and folder below it, hidden ones too) to
     * {@code path} on HDFS, which must not exist yet, keeping each file's modification time (as
     * {@code hdfs dfs -put -p} does; journals record it).
     *
     * @return {@link #uri(String) the URI} of {@code path}
     */
    public String copyUp(Path local, String path) throws IOException {
        org.apache.hadoop.fs.Path target = hdfsPath(path);
        if (fileSystem().exists(target)) {
            throw new IllegalArgumentException(uri(path) + " exists already; copy to a new path");
        }
        // copyFromLocalFile(dir) copies into target when target exists, as target when it does not
        fs.copyFromLocalFile(false, false, new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), target);
        try (Stream<Path> s = Files.walk(local)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = local.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                fs.setTimes(hdfsPath(path + "/" + rel), Files.getLastModifiedTime(f).toMillis(), -1);
            }
        }
        return uri(path);
    }

    /** The bytes of the file {@code path} on HDFS. */
    public byte[] readBytes(String path) throws IOException {
        try (InputStream in = fileSystem().open(hdfsPath(path))) {
            return in.readAllBytes();
        }
    }

    /** The file {@code path} on HDFS as UTF-8 text. */
    public String readString(String path) throws IOException {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    /** Whether {@code path} exists on HDFS (file or folder). */
    public boolean exists(String path) throws IOException {
        return fileSystem().exists(hdfsPath(path));
    }

    /** Every file below {@code path}, relative to it with {@code /} separators, sorted. */
    public List<String> listFiles(String path) throws IOException {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<String> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fileSystem().listFiles(hdfsPath(path), true);
        while (it.hasNext()) {
            String p = it.next().getPath().toUri().getPath();
            out.add(p.startsWith(prefix) ? p.substring(prefix.length()) : p);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Copies the file or folder {@code path} on HDFS down to the new local path {@code local}. */
    public Path copyDown(String path, Path local) throws IOException {
        fileSystem().copyToLocalFile(false, hdfsPath(path), new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), true);
        return local;
    }

    /** Stops the cluster (if running) and deletes its storage. */
    @Override
    public void close() throws IOException {
        try {
            if (fs != null) {
                fs.close();
            }
            if (cluster != null) {
                // the cached client the code under test opened would retry the stopped NameNode
                FileSystem.get(uri(), new Configuration()).close();
cluster.shutdown(true);
            }
        } finally {
            cluster = null;
            fs = null;
            if (base != null) {
                deleteRecursively(base);
                base = null;
            }
        }
    }

    private org.apache.hadoop.fs.Path hdfsPath(String path) {
        return new org.apache.hadoop.fs.Path(uri(path));
    }

    private void running() {
        if (cluster == null) {
            throw new IllegalStateException("MiniHdfs is not running: register it with @RegisterExtension (static) or call start()");
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
