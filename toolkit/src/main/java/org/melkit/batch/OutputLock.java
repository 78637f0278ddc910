package org.melkit.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.melkit.io.AtomicFiles;

/**
 * One run per output: a lock file holding the running process's id, created atomically (a hard
 * link of a finished temporary file, so no reader sees it half-written). A second run finds it
 * and is refused naming the holder; a lock whose process is no longer alive (a killed run) is
 * taken over. {@link #close()} removes it.
 */
public final class OutputLock implements AutoCloseable {
    private final Path file;
    private boolean released;

    private OutputLock(Path file) {
        this.file = file;
    }

    /** The lock file's path. */
    public Path file() { return file; }

    /**
     * Takes the lock {@code file} (its folder must exist).
     *
     * @throws RefusedRunException when a live process holds it
     */
    public static OutputLock acquire(Path file, Path output) {
        long me = ProcessHandle.current().pid();
        Path tmp = AtomicFiles.tempSibling(file);
        try {
            Files.writeString(tmp, me + "\n", StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.createLink(file, tmp);
                    return new OutputLock(file);
                } catch (FileAlreadyExistsException e) {
                    Optional<Long> holder = holder(file);
                    if (holder.isPresent() && ProcessHandle.of(holder.get()).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new RefusedRunException(output, "is in use by another melkit run (pid " + holder.get() + ", lock "
                                + file + "); wait for it to finish, or choose another --output");
                    }
                    Files.deleteIfExists(file); // a dead holder's (or unreadable) lock: take it over
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, me + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
                    return new OutputLock(file);
                }
            }
            throw new RefusedRunException(output, "cannot take the lock " + file + " (another run keeps replacing it)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock " + file + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    /** The pid recorded in a lock file, if it holds one. */
    static Optional<Long> holder(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the lock. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            AtomicFiles.deleteQuietly(file);
        }
    }
}
