package dev.minibatch.cli;

/**
 * Makes a child JVM that {@link Relaunch} started end with the process that started it. The launcher waits for its
 * child and passes Ctrl-C and SIGTERM on, but {@code kill -9} cannot be caught: without this watch the child would
 * go on training and replace the run folder long after the user stopped the command. The child is told its
 * parent's process id ({@value #PROPERTY}); a daemon thread checks ten times a second that its parent is still that
 * process (a parent that dies leaves its children to another process, so the id changes, even where the old id is
 * reused), and when it is not, the child stops as SIGTERM stops it: its shutdown hooks remove its staging folder and
 * lock and keep its checkpoints. Portable: the JDK's {@link ProcessHandle}, no native call.
 */
final class ParentWatch {
    /** The system property that names the parent's process id in a relaunched JVM. */
    static final String PROPERTY = "minibatch.parentPid";
    /** The exit code of a child whose parent was killed: 128 + SIGKILL's 9, as the shell reports the parent's. */
    static final int PARENT_KILLED = 137;
    private static final long PERIOD_MS = 100;

    private ParentWatch() {
    }

    /** Starts the watch when this JVM is a relaunched child; otherwise does nothing. */
    static void startIfChild() {
        String named = System.getProperty(PROPERTY);
        if (named == null) {
            return;
        }
        long parent;
        try {
            parent = Long.parseLong(named.strip());
        } catch (NumberFormatException e) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parent) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(PARENT_KILLED);     // the shutdown hooks clean up, as for SIGTERM
        }, "minibatch-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
