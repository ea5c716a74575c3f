package dev.minibatch.train;

/**
 * Pauses that let a test kill a run at a chosen moment. All are off unless their system property is set, which
 * only tests do.
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
    static void pauseAtEpoch(String trainer, int epoch) {
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
