package dev.minibatch.agreement;

/** When a loss curve comes within a fraction of the optimum's loss. */
public final class Convergence {
    private Convergence() {
    }

    /**
     * Finds the first epoch whose training loss is within a fraction of the optimum's: loss ≤ (1 + fraction) ·
     * optimum. The optimum is the least-squares minimum, so no loss is below it (up to rounding).
     *
     * @param losses the training loss after each epoch, epoch 1 first.
     * @param optimum the optimum's training loss, ≥ 0.
     * @param fraction the tolerance, e.g. 0.01 for 1 %.
     * @return the epoch number (from 1), or 0 if no epoch gets there.
     */
    public static int firstEpochWithin(double[] losses, double optimum, double fraction) {
        double bound = optimum * (1.0 + fraction);
        for (int e = 0; e < losses.length; e++) {
            if (losses[e] <= bound) {
                return e + 1;
            }
        }
        return 0;
    }
}
