/**
 * What the server and client observations of calls share. Internal: not an API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.observation;

import org.jspecify.annotations.NullMarked;
