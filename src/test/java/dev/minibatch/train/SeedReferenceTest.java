package dev.minibatch.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minibatch.Reference;
import dev.minibatch.backend.BackendSelector;
import dev.minibatch.config.BackendRequest;
import dev.minibatch.config.RunConfig;
import dev.minibatch.data.Dataset;
import dev.minibatch.run.RunOutcome;
import dev.minibatch.run.TrainerChoice;
import dev.minibatch.run.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * configs/seed.yaml reproduces the tutorial's NumPy program (notebooks-export/seed_reference.py): the data and
 * the initial parameters exactly, and the final parameters, test MSE and every epoch's cost to 1e-12 relative.
 * Not bit for bit: NumPy's dot on the design matrix with its ones column and ND4J's x·W + b round differently,
 * and (1/m)·g·lr is not g/m·lr in the last bit; 2,500 contracting steps keep that near 1e-15.
 */
class SeedReferenceTest {
    private static final double REL = 1e-12;
    private static final JsonNode REF = Reference.load("seed.json");
    private static RunOutcome run;

    @BeforeAll
    static void train() {
        RunConfig config = TrainerFixtures.seedConfig();
        run = TrainingRun.execute(TrainingRun.Request.of(TrainingRun.prepare(config), TrainerChoice.BOTH,
                BackendSelector.decide(BackendRequest.CPU, false, () -> null)));
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.abs(expected), what);
    }

    @Test
    void theTrainingAndTestRowsAreTheTutorialsExactly() {
        double[] x = Reference.doubles(flatten(REF.get("data").get("X")));
        double[] y = Reference.doubles(REF.get("data").get("y"));
        Dataset d = run.data().inMemory();
        int[] train = Reference.ints(REF.get("split").get("train_indices"));
        int[] test = Reference.ints(REF.get("split").get("test_indices"));
        assertArrayEquals(train, d.split().train());
        assertArrayEquals(test, d.split().test());
        for (int i = 0; i < train.length; i++) {
            assertEquals(x[train[i]], d.xTrain()[i][0], 0.0);
            assertEquals(y[train[i]], d.yTrain()[i][0], 0.0);
        }
    }

    private static JsonNode flatten(JsonNode rows) {
        com.fasterxml.jackson.databind.node.ArrayNode out =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        rows.forEach(r -> out.add(r.get(0)));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"framework", "scratch"})
    void initialThetaIsTheTutorialsExactly(String trainer) {
        double[] theta = Reference.doubles(REF.get("initial_theta"));
        Parameters p = run.trainers().get(trainer).initial();
        assertEquals(theta[0], p.bias()[0], 0.0);
        assertEquals(theta[1], p.weights()[0][0], 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"framework", "scratch"})
    void finalThetaAndTestMseMatchNumpy(String trainer) {
        double[] theta = Reference.doubles(REF.get("final_theta"));
        TrainingResult r = run.trainers().get(trainer);
        assertRelative(theta[0], r.fin().bias()[0], "bias");
        assertRelative(theta[1], r.fin().weights()[0][0], "weight");
        assertRelative(REF.get("test_mse").asDouble(), r.testMse(), "test MSE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"framework", "scratch"})
    void everyEpochsCostMatchesNumpy(String trainer) {
        double[] costs = Reference.doubles(REF.get("epoch_costs"));
        double[] batchMeans = Reference.doubles(REF.get("batch_cost_means"));
        TrainingResult r = run.trainers().get(trainer);
        assertEquals(costs.length, r.history().size());
        for (int e = 0; e < costs.length; e++) {
            assertRelative(costs[e], r.history().get(e).trainLoss(), "cost after epoch " + (e + 1));
            assertRelative(batchMeans[e], r.history().get(e).batchLossMean(), "batch mean in epoch " + (e + 1));
        }
    }

    @Test
    void theTrainersAgreeWithZeroTolerance() {
        assertTrue(run.agreement().agree(), run.agreement().verdict());
        assertEquals(0.0, run.agreement().maxAbsParamDiff());
    }
}
