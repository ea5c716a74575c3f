/**
 * Training on Apache Spark with DL4J's {@code dl4j-spark} (built only with {@code ./mvnw -Pspark}): the framework
 * trainer's role played by {@code SparkDl4jMultiLayer} with a {@code ParameterAveragingTrainingMaster}, fed the
 * rounds the scratch trainer's simulation ({@code dev.minibatch.train.scratch.ParameterAveraging}) computes by
 * hand. See docs/SPARK.md.
 */
package dev.minibatch.spark;
