package dev.minibatch.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code compare} reads a key that one run's config tree leaves out as its default: a run does not write what it
 * does not read, and a run of an older version wrote every key, at its default when unused.
 */
class CompareSettingsTest {
    @Test
    void aLeftOutKeyIsItsDefault() {
        assertTrue(CompareReport.same("training.shuffle_seed", CompareReport.UNSET, "42"));
        assertTrue(CompareReport.same("training.lr_schedule.gamma", "0.99", CompareReport.UNSET));
        assertTrue(CompareReport.same("data.targets", CompareReport.UNSET, "[]"));
        assertTrue(CompareReport.same("training.early_stopping.restore_best", "false", CompareReport.UNSET));
        assertFalse(CompareReport.same("training.shuffle_seed", CompareReport.UNSET, "7"));
        assertFalse(CompareReport.same("training.learning_rate", "0.01", "0.02"));
        assertTrue(CompareReport.same("no.such.key", CompareReport.UNSET, CompareReport.UNSET));
        assertFalse(CompareReport.same("no.such.key", CompareReport.UNSET, "1"));
    }
}
