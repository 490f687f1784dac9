/**
 * The Connect code generator and the Maven goal that runs it.
 * <p>
 * {@link io.connectspring.codegen.ConnectCodeGenerator} is a protoc plugin: given a {@code CodeGeneratorRequest} it
 * writes, for each service, a descriptor class, a reactive and a blocking server interface, and a reactive and a
 * blocking client, all compiled against the {@code io.connectspring} runtime API. It depends on protobuf-java only.
 * {@link io.connectspring.codegen.GenerateMojo} is the {@code generate} goal: it runs protoc for the message classes
 * and the generator in-process. Everything else in this package is an implementation detail.
 *
 * @see <a href="https://protobuf.dev/reference/other/#plugins">protoc plugins</a>
 */
package io.connectspring.codegen;
