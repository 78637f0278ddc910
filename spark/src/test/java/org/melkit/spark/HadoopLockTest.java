package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock's heartbeat renews it where setTimes works and where it silently does nothing (S3A). */
class HadoopLockTest {

    /** The melkittest: file system with S3A's setTimes: FileSystem's, which does nothing. */
    public static class NoTimesFileSystem extends AliasFileSystem {
        @Override
        public void setTimes(org.apache.hadoop.fs.Path p, long mtime, long atime) {
            // as S3AFileSystem (it does not override FileSystem.setTimes)
        }
    }

    private static FileSystem fs(FileSystem fs) throws Exception {
        fs.initialize(URI.create(AliasFileSystem.SCHEME + ":///"), new Configuration());
        return fs;
    }

    @Test
    void aRenewalMovesTheLocksTimeEvenWhereSetTimesDoesNothing(@TempDir Path tmp) throws Exception {
        for (FileSystem fs : new FileSystem[] {fs(new AliasFileSystem()), fs(new NoTimesFileSystem())}) {
            Path local = tmp.resolve(fs.getClass().getSimpleName() + ".lock");
            try (HadoopLock lock = HadoopLock.acquire(fs, new org.apache.hadoop.fs.Path(AliasFileSystem.uri(local)), "out")) {
                String holder = Files.readString(local);
                assertTrue(holder.contains("\"pid\":" + ProcessHandle.current().pid()), holder);
                long old = System.currentTimeMillis() - 200_000; // older than STALE_S: another host would take it over
                assertTrue(local.toFile().setLastModified(old));
                for (int i = 0; i < 2; i++) { // the first renewal finds setTimes useless, the second rewrites at once
                    local.toFile().setLastModified(old);
                    lock.renew();
                    long age = System.currentTimeMillis() - Files.getLastModifiedTime(local).toMillis();
                    assertTrue(age < HadoopLock.STALE_S * 1000L, fs.getClass().getSimpleName() + ": lock still " + age + " ms old");
                    assertEquals(holder, Files.readString(local), "the holder stays named");
                }
            }
            assertFalse(Files.exists(local), "close() deletes the lock");
        }
    }
}
