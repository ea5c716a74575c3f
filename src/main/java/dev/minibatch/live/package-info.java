/**
 * The live training page ({@code train --live}): a small HTTP server on the loopback interface that serves one
 * self-contained page and the run's state as JSON, updated after every epoch of every trainer, so that a browser
 * shows the loss curves, the agreement so far, the epoch, the time left and the fitted line while the run trains.
 */
package dev.minibatch.live;
