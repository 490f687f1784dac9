/**
 * What the server and client observations of calls share; imports neither {@code internal.server} nor
 * {@code internal.client}. Internal: not an API, may change in any release.
 */
@NullMarked
package io.connectspring.internal.observation;

import org.jspecify.annotations.NullMarked;
