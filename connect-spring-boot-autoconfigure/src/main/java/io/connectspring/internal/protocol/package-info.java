/**
 * The wire protocols: envelopes, codecs, compression, errors and one class per protocol. Internal: not an API, may
 * change in any release.
 */
@NullMarked
package io.connectspring.internal.protocol;

import org.jspecify.annotations.NullMarked;
