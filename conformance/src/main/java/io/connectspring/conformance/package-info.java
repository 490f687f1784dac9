/**
 * The server and the client under test of the Connect conformance suite, and what they share.
 */
@NullMarked
package io.connectspring.conformance;

import org.jspecify.annotations.NullMarked;
