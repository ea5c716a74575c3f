package dev.minibatch.train.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minibatch.config.Loss;
import dev.minibatch.config.Optimizer;
import dev.minibatch.train.loss.LossFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Each update rule's and loss's number in Java is its number in {@code src/main/cuda/kernels.cu}'s enums, and each
 * rule's DL4J side is the updater its config names, with the state size its class declares: the places a rule or a
 * loss is written are held together.
 */
class KernelCodesTest {
    private static List<String> cudaEnum(String name) throws IOException {
        String src = Files.readString(Path.of("src/main/cuda/kernels.cu"));
        Matcher m = Pattern.compile("enum " + name + " \\{([^}]*)}").matcher(src);
        assertTrue(m.find(), "kernels.cu has no enum " + name);
        List<String> names = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String n = part.strip();
            assertTrue(!n.contains("=") || n.endsWith("= 0") && names.isEmpty(), "only the first value is numbered");
            names.add(n.replace("= 0", "").strip());
        }
        return names;
    }

    @Test
    void everyRulesCudaCodeIsItsPlaceInKernelsCu() throws IOException {
        List<String> rules = cudaEnum("Rule");
        assertEquals(Optimizer.Kind.values().length, rules.size(), "a rule in one place and not the other");
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                assertEquals(rules.indexOf(kind.name()), UpdateRule.of(Optimizer.of(kind), type).cudaCode(),
                        kind.name());
            }
        }
    }

    @Test
    void everyLossesCudaCodeIsItsPlaceInKernelsCu() throws IOException {
        List<String> losses = cudaEnum("Loss");
        assertEquals(Loss.values().length, losses.size(), "a loss in one place and not the other");
        for (Loss loss : Loss.values()) {
            assertEquals(losses.indexOf(loss.name()), LossFunction.of(loss).cudaCode(), loss.name());
            assertEquals(loss, LossFunction.of(loss).kind());
        }
    }

    @Test
    void everyActivationsCudaCodeIsItsPlaceInKernelsCu() throws IOException {
        List<String> acts = cudaEnum("Act");
        assertEquals(dev.minibatch.config.Activation.values().length, acts.size(), "an activation in one place only");
        for (dev.minibatch.config.Activation a : dev.minibatch.config.Activation.values()) {
            assertEquals(acts.indexOf(a.name()), dev.minibatch.train.activation.ActivationFunction.of(a, 0.1)
                    .cudaCode(), a.name());
        }
    }

    @Test
    void everyRulesDl4jUpdaterIsTheConfiguredClassWithItsStateSize() {
        for (Optimizer.Kind kind : Optimizer.Kind.values()) {
            UpdateRule rule = UpdateRule.of(Optimizer.of(kind), DataType.DOUBLE);
            IUpdater u = rule.dl4j(0.01, null);
            assertEquals(kind.dl4jClass(), u.getClass().getSimpleName());
            assertEquals(rule.slots() * 10L, u.stateSize(10), kind.name());
            assertEquals(5, rule.cudaConstants().length, kind.name());
        }
    }
}
