/**
 * Load-generator helpers: request body files, the idle-stream client and the many-stream client.
 */
@NullMarked
package io.connectspring.benchmarks.client;

import org.jspecify.annotations.NullMarked;
