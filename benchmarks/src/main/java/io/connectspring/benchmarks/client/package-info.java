/**
 * Load-generator helpers: request body files, the idle-stream client and the many-stream client, and the h2c
 * stream opener the two share.
 */
@NullMarked
package io.connectspring.benchmarks.client;

import org.jspecify.annotations.NullMarked;
