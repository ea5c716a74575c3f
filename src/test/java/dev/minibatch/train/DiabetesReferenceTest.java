package dev.minibatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import dev.minibatch.backend.BackendSelector;
import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.ConfigLoader;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * configs/diabetes.yaml (a real CSV, 10 standardised features, a one-row last batch) reproduces the NumPy loop of
 * notebooks-export/diabetes_reference.py: the split exactly, the initial parameters exactly, and the final
 * parameters, test MSE and every epoch's cost to 1e-12 relative; the two JVM trainers agree bit for bit.
 */
class DiabetesReferenceTest {
    private static final double REL = 1e-12;
    private static final JsonNode REF = Reference.load("diabetes.json");
    private static RunOutcome run;

    @BeforeAll
    static void train() {
        run = TrainingRun.execute(TrainingRun.Request.of(TrainingRun.prepare(ConfigLoader.load(
                Path.of("configs", "diabetes.yaml"), List.of())), TrainerChoice.BOTH,
                BackendSelector.decide(BackendRequest.CPU, false, () -> null)));
    }

    @Test
    void theSplitAndTheStandardisationAreNumpys() {
        assertArrayEquals(Reference.ints(REF.get("split").get("train_indices")), run.data().inMemory().split().train());
        assertArrayEquals(Reference.ints(REF.get("split").get("test_indices")), run.data().inMemory().split().test());
        double[] mean = Reference.doubles(REF.get("standardization").get("mean"));
        double[] scale = Reference.doubles(REF.get("standardization").get("scale"));
        for (int j = 0; j < mean.length; j++) {
            assertEquals(mean[j], run.data().standardization().mean()[j], 1e-14 * Math.abs(mean[j]));
            assertEquals(scale[j], run.data().standardization().scale()[j], 1e-14 * Math.abs(scale[j]));
        }
        assertEquals(353, run.data().nTrain());
        assertEquals(1, 353 % 32, "each epoch ends with a one-row batch");
    }

    @Test
    void bothTrainersMatchTheNumpyRun() {
        double[] bias = Reference.doubles(REF.get("bias"));
        double[][] weights = Reference.matrix(REF.get("weights"));
        double[] costs = new double[REF.get("history").size()];
        for (int e = 0; e < costs.length; e++) {
            costs[e] = REF.get("history").get(e).get("train_loss").asDouble();
        }
        for (TrainingResult r : run.trainers().values()) {
            assertEquals(Reference.doubles(REF.get("initial_bias"))[0], r.initial().bias()[0], 0.0);
            assertEquals(bias[0], r.fin().bias()[0], REL * Math.abs(bias[0]), r.trainer());
            for (int f = 0; f < weights.length; f++) {
                assertEquals(weights[f][0], r.fin().weights()[f][0], REL * Math.abs(weights[f][0]),
                        r.trainer() + " weight " + f);
            }
            double mse = REF.get("test_mse").asDouble();
            assertEquals(mse, r.testMse(), REL * mse);
            for (int e = 0; e < costs.length; e++) {
                assertEquals(costs[e], r.history().get(e).trainLoss(), REL * costs[e], "epoch " + (e + 1));
            }
        }
    }

    @Test
    void theTrainersAgreeBitForBit() {
        assertTrue(run.agreement().agree(), run.agreement().verdict());
        assertEquals(0.0, run.agreement().maxAbsParamDiff());
    }
}
