package org.melkit.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under another scheme, {@code melkittest:///abs/path}: a Hadoop file
 * system that is not {@code file:}, to test melkit-spark's Hadoop paths without a cluster
 * (registered as {@code spark.hadoop.fs.melkittest.impl}).
 */
public class AliasFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "melkittest";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    // the local statuses load their permissions lazily through java.io.File(URI), which takes file: URIs only

    @Override
    public FileStatus getFileStatus(Path p) throws IOException {
        return plain(super.getFileStatus(p));
    }

    @Override
    public FileStatus[] listStatus(Path p) throws IOException {
        FileStatus[] s = super.listStatus(p);
        for (int i = 0; i < s.length; i++) {
            s[i] = plain(s[i]);
        }
        return s;
    }

    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(), s.getPath());
    }

    /** {@code p} (an absolute local path) under this scheme. */
    static String uri(java.nio.file.Path p) {
        return SCHEME + "://" + p.toAbsolutePath().toUri().getPath();
    }
}
