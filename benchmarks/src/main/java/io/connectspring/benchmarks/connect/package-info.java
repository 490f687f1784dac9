/**
 * The starter's bench server: greet.v1.GreetService as a user writes it, nothing else.
 */
@NullMarked
package io.connectspring.benchmarks.connect;

import org.jspecify.annotations.NullMarked;
