package dev.minibatch.results;

import java.util.List;

/**
 * The content of compare.json: the runs compared and how every trainer column differs from the first.
 *
 * @param runs the runs' labels.
 * @param differencesVsFirst one entry per trainer column after the first.
 * @param largestDifference the largest parameter difference, in words.
 */
public record CompareResults(List<String> runs, List<Difference> differencesVsFirst, String largestDifference) {

    /**
     * How one trainer column differs from the first.
     *
     * @param against the first column ("run / trainer").
     * @param run this column.
     * @param maxAbsParamDiff the largest absolute difference of the final parameters.
     * @param maxRelEpochLossDiff the largest relative difference of an epoch's training loss.
     * @param absTestMseDiff the absolute difference of the test MSE.
     */
    public record Difference(String against, String run, double maxAbsParamDiff, double maxRelEpochLossDiff,
                             double absTestMseDiff) {
    }
}
