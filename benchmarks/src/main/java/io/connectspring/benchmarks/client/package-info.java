/**
 * Load-generator helpers: request body files and the idle-stream client.
 */
@NullMarked
package io.connectspring.benchmarks.client;

import org.jspecify.annotations.NullMarked;
