package dev.minibatch.io;

/**
 * Pauses that let a test kill or signal a run at a chosen moment. All are off unless their system property is set,
 * which only tests do; each says on stderr where it paused, so that the test knows when to act.
 */
public final class TestHooks {
    private static int checkpointWrites;
    private TestHooks() {
    }

    /**
     * With {@code -Dminibatch.test.pauseAtEpoch=TRAINER:EPOCH:MILLIS}, pauses that trainer before the epoch's first
     * step, after saying so on stderr.
     *
     * @param trainer the trainer about to run the epoch.
     * @param epoch the epoch.
     */
    public static void pauseAtEpoch(String trainer, int epoch) {
        String spec = System.getProperty("minibatch.test.pauseAtEpoch");
        if (spec != null && spec.startsWith(trainer + ":" + epoch + ":")) {
            pause("at " + trainer + " epoch " + epoch, Long.parseLong(spec.substring(spec.lastIndexOf(':') + 1)));
        }
    }

    /**
     * With {@code -Dminibatch.test.pauseInCheckpoint=N:MILLIS}, pauses the process's N-th checkpoint write halfway
     * (the model's files written, the state not yet, the folder not yet renamed into place).
     */
    public static synchronized void pauseInCheckpoint() {
        String spec = System.getProperty("minibatch.test.pauseInCheckpoint");
        checkpointWrites++;
        if (spec != null && spec.startsWith(checkpointWrites + ":")) {
            pause("in checkpoint write " + checkpointWrites, Long.parseLong(spec.substring(spec.indexOf(':') + 1)));
        }
    }

    /**
     * With {@code -Dminibatch.test.pauseAt=PHASE:MILLIS}, pauses at that phase of writing an output folder:
     * {@code staged} (every file written, nothing swapped), {@code aside} (the previous folder renamed aside, the new
     * one not yet in place) or {@code swapped} (the new folder in place, the previous one not yet deleted).
     *
     * @param phase the phase reached.
     */
    public static void pauseAt(String phase) {
        String spec = System.getProperty("minibatch.test.pauseAt");
        if (spec != null && spec.startsWith(phase + ":")) {
            pause(phase, Long.parseLong(spec.substring(spec.indexOf(':') + 1)));
        }
    }

    private static void pause(String where, long ms) {
        System.err.println("minibatch: test pause " + where);
        System.err.flush();
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
