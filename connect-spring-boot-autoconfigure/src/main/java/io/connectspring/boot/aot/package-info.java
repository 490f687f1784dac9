/**
 * Native image support: the reflection and resource hints that the runtime, generated code and the application's
 * Connect beans need, registered during Spring's AOT processing through {@code META-INF/spring/aot.factories}. Nothing
 * here is called by applications.
 */
@NullMarked
package io.connectspring.boot.aot;

import org.jspecify.annotations.NullMarked;
