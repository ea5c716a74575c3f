package dev.minibatch.agreement;

import dev.minibatch.train.EpochRecord;
import dev.minibatch.train.Parameters;
import dev.minibatch.train.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementTest {

    private static TrainingResult run(double... biasPerEpoch) {
        List<EpochRecord> h = new ArrayList<>();
        for (int e = 0; e < biasPerEpoch.length; e++) {
            h.add(new EpochRecord(e + 1, 1, 1, 1, new Parameters(new double[][] {{2.0}}, new double[] {biasPerEpoch[e]}), e));
        }
        Parameters init = new Parameters(new double[][] {{2.0}}, new double[] {0.0});
        return new TrainingResult("t", "test", "CPU", init, h.get(h.size() - 1).parameters(), 1, 1, 1, biasPerEpoch.length, h,
                new double[0]);
    }

    @Test
    void identicalRunsAgreeAtZeroTolerance() {
        Agreement a = Agreement.of(run(1, 2, 3), run(1, 2, 3), 0.0);
        assertTrue(a.agree());
        assertEquals(0.0, a.maxAbsParamDiff());
        assertEquals(0, a.firstEpochBeyondTolerance());
    }

    @Test
    void theFirstEpochBeyondToleranceIsNamed() {
        Agreement a = Agreement.of(run(1, 2, 3, 4), run(1, 2.5, 3, 4.25), 0.3);
        assertFalse(a.agree());
        assertEquals(2, a.firstEpochBeyondTolerance());
        assertEquals(0.5, a.maxAbsParamDiff());
        assertArrayEquals(new double[] {0, 0.5, 0, 0.25}, a.perEpochMaxAbsParamDiff(), 0.0);
        assertTrue(a.verdict().contains("DISAGREE") && a.verdict().contains("epoch 2"), a.verdict());
    }

    @Test
    void aNanParameterIsADisagreement() {
        Agreement a = Agreement.of(run(1, Double.NaN), run(1, 2), 1e9);
        assertFalse(a.agree());
        assertEquals(2, a.firstEpochBeyondTolerance());
    }
}
