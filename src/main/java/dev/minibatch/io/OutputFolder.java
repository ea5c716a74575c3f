package dev.minibatch.io;

import dev.minibatch.config.ConfigException;
import dev.minibatch.config.Setting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder that a command replaces whole or leaves untouched. {@link #open} checks the place before any
 * work starts, takes a lock so that one run at a time writes there, and makes a fresh staging folder beside the
 * target ({@code .NAME.staging-PID}); the command writes everything into {@link #staging()}, and
 * {@link #commit()} swaps it in with two renames. Until the commit the target is untouched; after it the target
 * holds exactly the new run's files. {@link #close()} removes the staging folder and the lock, so nothing is left
 * behind; what a killed process leaves ({@code kill -9}) is cleaned up by the next run into the same place, which
 * also restores the previous folder when the kill fell between the two renames.
 *
 * <p>A folder that exists and is not empty is replaced only if it holds the command's own marker file (e.g.
 * {@code results.json}), so that {@code --out ~/Documents} cannot delete a user's files.
 */
public final class OutputFolder implements AutoCloseable {
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";
    private static final String DISCARD = ".discard-";
    /** What a run folder's report of a divergence adds to its name: {@code runs/seed-diverged}. */
    public static final String DIVERGED_SUFFIX = "-diverged";
    /**
     * The longest output folder name: 255 bytes (the usual file system's limit) less what its longest sibling
     * adds, {@code .NAME-diverged.staging-PID} with a 7-digit PID (26 bytes); a {@code -diverged} folder may use
     * the 9 bytes of its suffix on top.
     */
    static final int MAX_NAME_BYTES = 255 - 1 - DIVERGED_SUFFIX.length() - STAGING.length() - 7;
    private static final long PID = ProcessHandle.current().pid();

    private final Path target;
    private final Path staging;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path createdParent;
    private Path requested;
    private boolean committed;   // guarded by STATE
    private boolean closed;      // guarded by STATE

    /**
     * Guards every change an output folder makes on disk (lock file, staging folder, swap, clean-up) against the
     * clean-up that Ctrl-C or SIGTERM starts: that runs in the JVM's shutdown hook while the other threads still
     * run, so the two must take turns.
     */
    private static final Object STATE = new Object();
    private static final java.util.Set<OutputFolder> OPEN = new java.util.HashSet<>(); // guarded by STATE
    private static boolean stopping;                                                  // guarded by STATE

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(OutputFolder::stopAll, "minibatch-output-cleanup"));
        } catch (IllegalStateException e) {
            stopping = true; // first used while the process is already stopping
        }
    }

    /** Ctrl-C or SIGTERM: every folder not yet swapped in is removed with its lock, so nothing is left behind. */
    private static void stopAll() {
        synchronized (STATE) {
            stopping = true;
            for (OutputFolder f : List.copyOf(OPEN)) {
                f.release();
            }
        }
    }

    private OutputFolder(Path target, Path staging, Path lockFile, FileChannel channel, FileLock lock,
                         Path createdParent) {
        this.createdParent = createdParent;
        this.target = target;
        this.staging = staging;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        OPEN.add(this); // the caller holds STATE
    }

    /**
     * Checks an output place and prepares it: refuses an unusable path, takes the folder's lock, cleans what a
     * killed earlier run left, and creates the staging folder.
     *
     * @param out the output folder as the user named it.
     * @param flag the flag or setting that named it, for messages (e.g. {@code --out}).
     * @param marker the file that identifies a folder this command wrote and may replace (e.g. results.json).
     * @param force whether to replace an earlier run's folder; otherwise the run goes to the first free numbered
     *     sibling ({@code runs/seed-2}, {@code runs/seed-3}, …) and {@link #renamed()} says so.
     * @return the prepared folder; close it when done.
     * @throws ConfigException (exit code 2) if the place cannot be used, with one line naming it and why.
     */
    public static OutputFolder open(Path out, String flag, String marker, boolean force) {
        String shown = flag + " " + out;
        if (out.toString().isEmpty()) {
            throw new ConfigException(flag + ": the output folder is an empty path; name a folder, e.g. "
                    + flag + " runs/mine");
        }
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new ConfigException(shown + ": cannot replace the file system's root; name a folder below it");
        }
        int bytes = target.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES + (marker.equals("diverged.json") ? DIVERGED_SUFFIX.length() : 0)) {
            throw new ConfigException(flag + " " + Setting.clip(out.toString()) + ": the folder's name is " + bytes
                    + " bytes long; name it in at most " + MAX_NAME_BYTES + " (its siblings, e.g. NAME"
                    + DIVERGED_SUFFIX + " and the hidden .NAME" + DIVERGED_SUFFIX + STAGING + "PID, need the rest of"
                    + " the file system's 255)");
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (cwd.startsWith(target)) {
            throw new ConfigException(shown + ": is the current folder or one above it; name a new folder");
        }
        checkTarget(target, shown, marker);
        for (int n = 1; ; n++) {
            Path candidate = n == 1 ? target : target.resolveSibling(target.getFileName() + "-" + n);
            if (n > 1 && Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            OutputFolder f;
            try {
                f = lockAndStage(candidate, shown, flag);
            } catch (InUseException e) {
                if (n == 1) {
                    throw e;
                }
                continue; // another run is creating this numbered folder right now: take the next
            }
            if (n == 1 && !force && !isEmpty(candidate)) {
                f.close(); // an earlier run is there: keep it, write a numbered sibling
                continue;
            }
            f.requested = target;
            return f;
        }
    }

    /** The refusal of a folder another run holds. */
    private static final class InUseException extends ConfigException {
        InUseException(String message) {
            super(message);
        }
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static OutputFolder lockAndStage(Path target, String shown, String flag) {
        synchronized (STATE) {
            if (stopping) {
                throw new ConfigException(shown + ": not written, the process is stopping");
            }
            return lockAndStageNow(target, shown, flag);
        }
    }

    private static OutputFolder lockAndStageNow(Path target, String shown, String flag) {
        Path parent = target.getParent();
        Path created = parent;
        while (created.getParent() != null && !Files.exists(created.getParent())) {
            created = created.getParent();
        }
        created = Files.exists(created) ? null : created; // the topmost folder this run creates, if any
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot create " + parent + " (" + reason(e) + ")");
        }
        String name = target.getFileName().toString();
        Path lockFile = parent.resolve("." + name + ".lock");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            for (int attempt = 0; ; attempt++) {
                if (fileKey(lockFile) == null) {
                    try {
                        Files.createFile(lockFile);
                    } catch (FileAlreadyExistsException e) {
                        // another run made it first: the lock below decides
                    }
                }
                Object before = fileKey(lockFile);
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = tryLock(channel);
                if (lock == null) {
                    String owner = readOwner(lockFile);
                    channel.close();
                    throw new InUseException(shown + ": the folder is in use by another minibatch run ("
                            + owner + "); wait for it to finish or choose another " + flag);
                }
                // The previous owner deletes the lock file when it is done; if it did so after we opened it, we
                // hold a lock on a deleted file and the path names another file (or none): start over. Files are
                // compared by key (device and inode), not by reading the path: closing any other descriptor of
                // the file would drop this process's POSIX lock.
                Object after = fileKey(lockFile);
                if (after != null && after.equals(before)) {
                    break;
                }
                lock.release();
                lock = null;
                channel.close();
                if (attempt == 5) {
                    throw new IOException("the lock file " + lockFile + " keeps being replaced");
                }
            }
            String owner = "pid " + PID + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            cleanStale(parent, name, target);
            Path staging = parent.resolve("." + name + STAGING + PID);
            deleteTree(staging);
            Files.createDirectory(staging);
            return new OutputFolder(target, staging, lockFile, channel, lock, created);
        } catch (ConfigException e) {
            throw e;
        } catch (IOException e) {
            if (lock != null) {
                deleteQuietly(lockFile); // ours: delete it while still holding the lock
            }
            closeQuietly(channel);
            removeCreated(target, created);
            throw new ConfigException(shown + ": cannot write in " + parent + " (" + reason(e) + ")");
        }
    }

    /** @return the folder the command writes into; it becomes the target at {@link #commit()}. */
    public Path staging() {
        return staging;
    }

    /** @return the folder as it will be named once committed (absolute). */
    public Path target() {
        return target;
    }

    /** @return the folder as it will be named once committed, relative to the working folder when inside it. */
    public Path display() {
        return relative(target);
    }

    /**
     * Says where the run goes when the folder asked for held an earlier run and {@code --force} was not given.
     *
     * @return e.g. "runs/seed holds an earlier run; writing runs/seed-2 (--force replaces it)", or empty.
     */
    public java.util.Optional<String> renamed() {
        return requested == null || requested.equals(target) ? java.util.Optional.empty()
                : java.util.Optional.of(relative(requested) + " holds an earlier run; writing " + display()
                        + " (--force replaces it)");
    }

    private static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return p.startsWith(cwd) ? cwd.relativize(p) : p;
    }

    /** Writes a command's files into a folder. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the files.
         *
         * @param folder the staging folder to write into.
         * @throws IOException if a file cannot be written.
         */
        void write(Path folder) throws IOException;
    }

    /**
     * Writes the command's files into the staging folder and swaps it in.
     *
     * @param content writes the files.
     * @throws OutputException if a file cannot be written or the swap fails; the target is then unchanged.
     */
    public void publish(Content content) {
        try {
            content.write(staging);
            writeManifest(staging);
        } catch (IOException e) {
            throw new OutputException(target, staging, e);
        }
        TestHooks.pauseAt("staged");
        commit();
    }

    /**
     * Swaps the staging folder in: the old folder (if any) is renamed aside, the staging folder takes its name,
     * and the old one is deleted.
     *
     * <p>The swap and the clean-up that Ctrl-C or SIGTERM starts ({@link #release()}, from the JVM's shutdown hook)
     * exclude each other: a signal during the swap waits for it to finish, so the folder holds the new run whole;
     * a signal before it removes the staging folder first, the swap then refuses, and the folder keeps the old run
     * whole. Nothing can happen between the two renames but {@code kill -9}, which the next run repairs.
     *
     * @throws OutputException if a rename fails, or the run is being stopped; the target then still holds the
     *     old folder.
     */
    public void commit() {
        synchronized (STATE) {
            swap();
        }
    }

    private void swap() {
        if (closed) {
            throw new OutputException(target, staging, new IOException("the run was stopped before its folder"
                    + " was swapped in"));
        }
        Path old = target.resolveSibling("." + target.getFileName() + OLD + PID);
        try {
            deleteTree(old);
            boolean had = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (had) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            TestHooks.pauseAt("aside");
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (had) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            committed = true;
            TestHooks.pauseAt("swapped");
            deleteTree(old);
        } catch (IOException e) {
            throw new OutputException(target, staging, e);
        }
    }

    /**
     * Puts a folder back that a {@code kill -9} between the two renames of a swap left as {@code .NAME.old-PID}
     * (the folder itself then missing), as the next run into it would: under the folder's lock, so a run that is
     * swapping right now is left alone. Commands that read runs ({@code runs}, {@code predict}, …) call this, so a
     * run is never lost to them for an interrupted swap.
     *
     * @param target the folder a command looks for.
     * @param marker the file that identifies the folder as the command's (e.g. results.json).
     * @return whether the folder was put back.
     */
    public static boolean repair(Path target, String marker) {
        Path t = target.toAbsolutePath().normalize();
        Path parent = t.getParent();
        if (parent == null || t.getFileName() == null || Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + t.getFileName() + OLD + "*")) {
            if (!ds.iterator().hasNext()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try {
            open(t, "--out", marker, true).close();      // its lock taken, its leftovers cleaned, the folder back
        } catch (ConfigException inUseOrUnwritable) {
            return false;
        }
        return Files.exists(t, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Repairs every folder of a parent that an interrupted swap left aside ({@link #repair}).
     *
     * @param parent the folder holding runs.
     * @param marker the file that identifies a run folder.
     */
    public static void repairAll(Path parent, String marker) {
        java.util.regex.Pattern aside = java.util.regex.Pattern.compile("\\.(.+)" + java.util.regex.Pattern.quote(OLD)
                + "\\d+");
        List<Path> names = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".*" + OLD + "*")) {
            for (Path p : ds) {
                java.util.regex.Matcher m = aside.matcher(p.getFileName().toString());
                if (m.matches()) {
                    names.add(parent.resolve(m.group(1)));
                }
            }
        } catch (IOException e) {
            return;
        }
        names.forEach(n -> repair(n, marker));
    }

    /**
     * Stops this folder as Ctrl-C or SIGTERM does, from a shutdown hook of the command's: waits for a swap in
     * progress, removes the staging folder if the new folder was not swapped in, and says which it was, so that
     * what the command says on a stop is what the folder holds.
     *
     * @return whether the target holds the new folder whole.
     */
    public boolean stop() {
        synchronized (STATE) {
            release();
            return committed;
        }
    }

    /** Removes the staging folder (when not committed) and the lock; safe to call more than once. */
    @Override
    public void close() {
        synchronized (STATE) {
            release();
        }
    }

    private void release() { // the caller holds STATE
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        if (!committed) {
            // Renamed first, so that a thread still writing (the JVM stops it only after this hook) fails on a
            // missing folder instead of adding files while the folder is deleted.
            Path discard = staging.resolveSibling(staging.getFileName().toString().replace(STAGING, DISCARD));
            try {
                Files.move(staging, discard, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                discard = staging;
            }
            deleteQuietly(discard);
            deleteQuietly(staging);
        }
        // Delete while still holding the lock, so a waiting run never takes over a file that is then removed.
        deleteQuietly(lockFile);
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        if (!committed) {
            removeCreated(target, createdParent);
        }
    }

    /** A run that failed leaves no trace, not even the runs/ folder it made for its output. */
    private static void removeCreated(Path target, Path createdParent) {
        if (createdParent == null) {
            return;
        }
        for (Path p = target.getParent(); p != null && p.startsWith(createdParent); p = p.getParent()) {
            try {
                Files.deleteIfExists(p); // only if empty: another run may have put something there
            } catch (IOException e) {
                break;
            }
        }
    }

    /** The file, in every output folder, that lists what minibatch wrote there (so only those are ever replaced). */
    public static final String MANIFEST = ".minibatch";

    /** The names an output folder written before the manifest existed may hold. */
    private static final java.util.regex.Pattern LEGACY = java.util.regex.Pattern.compile(
            "(results|sweep|compare|diverged)\\.json|(report|sweep|compare|diverged)\\.(html|md|png)|[A-Za-z0-9_.-]+\\.png"
                    + "|scratch-(weights|bias)(-[0-9]+)?\\.npy|framework-model\\.zip");

    /** What scripts/render-report adds to an output folder (its screenshot of the page). */
    private static final java.util.regex.Pattern RENDERED = java.util.regex.Pattern.compile(
            "(report|sweep|compare|diverged)\\.png");

    /** Lists every file of the staging folder, relative, one per line, in {@link #MANIFEST}. */
    private static void writeManifest(Path folder) throws IOException {
        List<String> names;
        try (Stream<Path> all = Files.walk(folder)) {
            names = all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
        Files.writeString(folder.resolve(MANIFEST), "# files minibatch wrote into this folder; it replaces the folder"
                + " only while it holds nothing else\n" + String.join("\n", names) + "\n");
    }

    /**
     * Whether a folder is one minibatch wrote and may replace whole: it lists its files in a manifest and holds no
     * other, or (written before manifests) its marker is minibatch's JSON and every file has an output's name.
     *
     * @return {@code null} when it may be replaced, else why not.
     */
    private static String whyNotOurs(Path target, List<Path> all, String marker) throws IOException {
        Path manifest = target.resolve(MANIFEST);
        java.util.Set<String> listed = null;
        if (Files.isRegularFile(manifest)) {
            listed = new java.util.HashSet<>(Files.readAllLines(manifest));
        }
        List<String> foreign = new java.util.ArrayList<>();
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.filter(q -> !q.equals(target)).toList()) {
                String rel = target.relativize(p).toString();
                if (rel.equals(MANIFEST)) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    // a folder minibatch made holds a file it wrote; an empty one is the user's (the files of a
                    // non-empty one are judged one by one)
                    if (isEmpty(p) && (listed == null || listed.stream().noneMatch(f -> f.startsWith(rel + "/")))) {
                        foreign.add(rel + "/");
                    }
                    continue;
                }
                boolean ours = (listed != null ? listed.contains(rel) : LEGACY.matcher(rel).matches())
                        || RENDERED.matcher(rel).matches();
                if (!ours) {
                    foreign.add(rel);
                }
            }
        }
        if (!foreign.isEmpty()) {
            return "it holds files minibatch did not write (" + String.join(", ", foreign.subList(0,
                    Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", …" : "") + "); move them out or name"
                    + " another folder";
        }
        {                                            // the marker must be minibatch's, manifest or not
            Path m = target.resolve(marker);
            boolean minibatch = false;
            if (Files.isRegularFile(m) && Files.size(m) < (64L << 20)) {
                try {
                    com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(m.toFile());
                    minibatch = n != null && n.isObject() && n.has(switch (marker) {
                        case "results.json" -> "minibatch_version";
                        case "compare.json" -> "differences_vs_first";
                        case "sweep.json" -> "near_optimum_fraction";
                        default -> "name";                       // diverged.json
                    });
                } catch (IOException e) {
                    minibatch = false;
                }
            }
            if (!minibatch) {
                return "its " + marker + " is not minibatch's";
            }
        }
        return null;
    }

    private static void checkTarget(Path target, String shown, String marker) {
        if (Files.isSymbolicLink(target)) {
            throw new ConfigException(shown + ": is a symbolic link; name the folder itself");
        }
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new ConfigException(shown + ": exists and is not a folder; name a folder (it is created)");
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<Path> all = entries.toList();
            if (!all.isEmpty() && all.stream().noneMatch(p -> p.getFileName().toString().equals(marker))) {
                throw new ConfigException(shown + ": the folder is not empty and holds no " + marker + ", so it"
                        + " is not an earlier minibatch output that may be replaced; name a new or empty folder");
            }
            String why = all.isEmpty() ? null : whyNotOurs(target, all, marker);
            if (why != null) {
                throw new ConfigException(shown + ": not replaced: " + why);
            }
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read the folder (" + reason(e) + ")");
        }
    }

    /** Holding the lock: no live process owns the leftovers of this target, so they are a killed run's. */
    private static void cleanStale(Path parent, String name, Path target) throws IOException {
        String stagingPrefix = "." + name + STAGING;
        String oldPrefix = "." + name + OLD;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + name + ".*")) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.startsWith(oldPrefix) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // killed between the two renames of a commit: put the previous folder back
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                } else if (f.startsWith(stagingPrefix) || f.startsWith(oldPrefix)
                        || f.startsWith("." + name + DISCARD)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static Object fileKey(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM (another command run in the same process)
        }
    }

    private static String readOwner(Path lockFile) {
        try {
            String s = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return s.isEmpty() || s.length() > 200 ? "owner unknown" : s;
        } catch (IOException e) {
            return "owner unknown";
        }
    }

    /**
     * Deletes a file or a folder with everything in it; nothing happens if it does not exist.
     *
     * @param p the path.
     * @throws IOException if something cannot be deleted.
     */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException e) {
            // best effort: a leftover is cleaned up by the next run into the same place
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    /**
     * Says why an I/O operation failed, in the words of the operating system where possible.
     *
     * @param e the failure.
     * @return e.g. "No space left on device", "permission denied", "File name too long".
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
