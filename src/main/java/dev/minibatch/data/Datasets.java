package dev.minibatch.data;

import dev.minibatch.config.DataConfig;
import dev.minibatch.config.SplitConfig;

/** Builds the {@link Dataset} a run configuration describes. */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Generates the configured data and splits it.
     *
     * @param data the data source settings.
     * @param split the split settings.
     * @return the split data.
     */
    public static Dataset load(DataConfig data, SplitConfig split) {
        Regression r = MakeRegression.generate(data.nSamples(), data.nFeatures(), data.nInformative(),
                data.nTargets(), data.bias(), data.noise(), data.randomState());
        SplitIndices indices = TrainTestSplit.split(data.nSamples(), split.testSize(), split.randomState());
        return Dataset.of(r.x(), r.y(), indices);
    }
}
