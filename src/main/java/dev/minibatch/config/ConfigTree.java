package dev.minibatch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link RunConfig} back into the nested key/value tree of its YAML file, with the same keys and
 * lower-case enum values. results.json stores this tree, and {@link ConfigLoader} reads it back unchanged.
 */
public final class ConfigTree {
    private ConfigTree() {
    }

    /**
     * Returns the configuration as nested maps in the order of the YAML file.
     *
     * @param c the configuration.
     * @return a tree of maps, strings and numbers.
     */
    public static Map<String, Object> of(RunConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", c.name());
        root.put("backend", lower(c.backend()));
        root.put("kernels", lower(c.kernels()));
        Map<String, Object> data = section(root, "data");
        data.put("source", c.data().source());
        boolean generated = !c.data().isCsv();   // a CSV's own settings only: the generators' are refused for it
        if (generated) {
            data.put("n_samples", c.data().nSamples());
            data.put("n_features", c.data().nFeatures());
        }
        boolean regression = generated && !c.data().isFriedman1() && !c.data().isClassificationGenerator();
        if (regression) {                                       // make_friedman1 has one target, no coefficients
            data.put("n_informative", c.data().nInformative());
            data.put("n_targets", c.data().nTargets());
        }
        if (generated && !List.of("make_blobs", "make_classification").contains(c.data().source())) {
            data.put("noise", c.data().noise());
        }
        if (regression) {
            data.put("bias", c.data().bias());
        }
        if (generated) {
            data.put("random_state", c.data().randomState());
        }
        if ("make_circles".equals(c.data().source())) {
            data.put("factor", c.data().factor());
        }
        if ("make_classification".equals(c.data().source())) {
            DataConfig.Classification mc = c.data().classification();
            data.put("n_informative", c.data().nInformative());
            data.put("n_redundant", mc.nRedundant());
            data.put("n_repeated", mc.nRepeated());
            data.put("n_classes", mc.nClasses());
            data.put("n_clusters_per_class", mc.clustersPerClass());
            data.put("flip_y", mc.flipY());
            data.put("class_sep", mc.classSep());
        }
        if ("make_blobs".equals(c.data().source())) {
            data.put("centers", c.data().centers());
            data.put("cluster_std", c.data().clusterStd());
        }
        if (c.data().isCsv()) {
            data.put("path", c.data().path());
            data.put("header", c.data().header());
            data.put("delimiter", c.data().delimiter());
            data.put("targets", c.data().targets());
            if (!c.data().classes().isEmpty()) {
                data.put("classes", c.data().classes().equals(java.util.List.of("auto")) ? "auto" : c.data().classes());
            }
        }
        data.put("cache", lower(c.data().cache()));
        if (!c.data().cacheDir().isEmpty()) {
            data.put("cache_dir", c.data().cacheDir());
        }
        Map<String, Object> split = section(root, "split");
        split.put("test_size", c.split().testSize());
        split.put("random_state", c.split().randomState());
        split.put("validation_size", c.split().validationSize());
        if (c.training().loss().isClassification()) {
            split.put("stratify", c.split().stratify());
        }
        section(root, "preprocess").put("standardize", c.preprocess().standardize());
        Map<String, Object> model = section(root, "model");
        model.put("hidden_layers", HiddenLayers.write(c.training().hiddenLayers()));
        model.put("output_activation", lower(c.training().outputActivation()));
        model.put("init", lower(c.model().init()));
        model.put("init_seed", c.model().initSeed());
        Map<String, Object> t = section(root, "training");
        TrainingConfig tc = c.training();
        t.put("loss", lower(tc.loss()));
        t.put("learning_rate", tc.learningRate());
        t.put("epochs", tc.epochs());
        t.put("batch_size", tc.batchSize());
        t.put("shuffle", lower(tc.shuffle()));
        t.put("shuffle_seed", tc.shuffleSeed());
        t.put("dtype", lower(tc.precision()));
        t.put("agreement_tolerance", tc.agreementTolerance());
        t.put("optimizer", lower(tc.optimizer().kind()));
        for (String h : tc.optimizer().kind().hyperParameters()) {   // the rule's own, resolved (epsilon's default)
            t.put(h, tc.optimizer().value(h));
        }
        t.put("checkpoint_every", c.checkpoint().every());
        t.put("checkpoint_keep", c.checkpoint().keep());
        t.put("l1", tc.l1());
        t.put("l2", tc.l2());
        LrSchedule lr = tc.lrSchedule();
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("type", lower(lr.type()));
        sched.put("unit", lower(lr.unit()));
        sched.put("gamma", lr.gamma());
        sched.put("decay_rate", lr.decayRate());
        sched.put("step", lr.step());
        sched.put("power", lr.power());
        sched.put("max_iter", lr.maxIter());
        Map<String, Object> values = new LinkedHashMap<>();
        lr.values().forEach((k, val) -> values.put(String.valueOf(k), val));
        sched.put("values", values);
        t.put("lr_schedule", sched);
        if (c.distributed().on()) {   // a run on one machine leaves the Spark settings out (their defaults)
            Map<String, Object> dist = section(root, "distributed");
            dist.put("master", c.distributed().master());
            dist.put("workers", c.distributed().workers());
            dist.put("batch_size_per_worker", c.distributed().batchSizePerWorker());
            dist.put("averaging_frequency", c.distributed().averagingFrequency());
            dist.put("prefetch", c.distributed().prefetch());
            dist.put("training_master", lower(c.distributed().trainingMaster()));
        }
        Map<String, Object> es = new LinkedHashMap<>();
        es.put("monitor", lower(tc.earlyStopping().monitor()));
        es.put("patience", tc.earlyStopping().patience());
        es.put("min_delta", tc.earlyStopping().minDelta());
        es.put("restore_best", tc.earlyStopping().restoreBest());
        t.put("early_stopping", es);
        return root;
    }

    private static Map<String, Object> section(Map<String, Object> root, String name) {
        Map<String, Object> s = new LinkedHashMap<>();
        root.put(name, s);
        return s;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
