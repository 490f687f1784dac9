package io.connectspring;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import com.google.protobuf.Descriptors;
import org.jspecify.annotations.Nullable;

/**
 * Describes a service: its fully qualified name and its procedures, in the order of the {@code .proto} file.
 * Generated code holds one instance per service. Instances are immutable and safe to share between threads; two are
 * equal when their names and procedures are.
 */
public final class ServiceDescriptor {

	private final String name;

	private final List<MethodDescriptor<?, ?>> methods;

	private final @Nullable Supplier<Descriptors.ServiceDescriptor> schemaSupplier;

	private volatile Descriptors.@Nullable ServiceDescriptor schema;

	/**
	 * Describes a service whose Protobuf descriptor is looked up on first use. Generated code uses this form: building
	 * a {@code .proto} file's descriptors costs tens of milliseconds, which an application serving only binary
	 * Protobuf never needs to pay at start-up.
	 * @param name the fully qualified Protobuf name, such as {@code greet.v1.GreetService}
	 * @param methods the service's procedures
	 * @param schema supplies the service's Protobuf descriptor, which leads to its {@code .proto} file and the files
	 * that file imports (server reflection answers with them); called when {@link #schema()} is first called (by
	 * each of the threads that race to that first call)
	 */
	public ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods,
			Supplier<Descriptors.ServiceDescriptor> schema) {
		this(name, methods, Objects.requireNonNull(schema, "schema"), null);
	}

	/**
	 * Describes a service with its Protobuf descriptor.
	 * @param name the fully qualified Protobuf name, such as {@code greet.v1.GreetService}
	 * @param methods the service's procedures
	 * @param schema the service's Protobuf descriptor
	 * @throws IllegalArgumentException if the descriptor describes another service
	 */
	public ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods, Descriptors.ServiceDescriptor schema) {
		this(name, methods, () -> schema, schema);
	}

	/**
	 * Describes a service without its Protobuf descriptor, as code written before descriptors carried one did; server
	 * reflection then lists the service but cannot describe it.
	 * @param name the fully qualified Protobuf name
	 * @param methods the service's procedures
	 */
	public ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods) {
		this(name, methods, null, null);
	}

	private ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods,
			@Nullable Supplier<Descriptors.ServiceDescriptor> schemaSupplier,
			Descriptors.@Nullable ServiceDescriptor schema) {
		this.name = name;
		this.methods = List.copyOf(methods);
		this.schemaSupplier = schemaSupplier;
		this.schema = (schema != null) ? checked(schema) : null;
		for (MethodDescriptor<?, ?> method : this.methods) {
			if (!method.serviceName().equals(name)) {
				throw new IllegalArgumentException(
						"Method " + method.procedure() + " does not belong to service " + name);
			}
		}
	}

	/** Returns the fully qualified Protobuf name, such as {@code greet.v1.GreetService}. */
	public String name() {
		return this.name;
	}

	/** Returns the service's procedures, in the order of the {@code .proto} file. */
	public List<MethodDescriptor<?, ?>> methods() {
		return this.methods;
	}

	/**
	 * Returns the service's Protobuf descriptor, looking it up on the first call.
	 * @return the descriptor, or {@code null} when the service was described without one
	 * @throws IllegalArgumentException if the supplied descriptor describes another service
	 */
	public Descriptors.@Nullable ServiceDescriptor schema() {
		Descriptors.ServiceDescriptor schema = this.schema;
		if (schema == null && this.schemaSupplier != null) {
			// Racing threads compute the same immutable descriptor; either result may win.
			schema = checked(this.schemaSupplier.get());
			this.schema = schema;
		}
		return schema;
	}

	/** Returns the procedure with the given method name (such as {@code Greet}), or {@code null} if there is none. */
	public @Nullable MethodDescriptor<?, ?> method(String methodName) {
		for (MethodDescriptor<?, ?> method : this.methods) {
			if (method.methodName().equals(methodName)) {
				return method;
			}
		}
		return null;
	}

	private Descriptors.ServiceDescriptor checked(Descriptors.ServiceDescriptor schema) {
		if (!schema.getFullName().equals(this.name)) {
			throw new IllegalArgumentException(
					"Schema of service " + schema.getFullName() + " does not describe service " + this.name);
		}
		return schema;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ServiceDescriptor that) && this.name.equals(that.name)
				&& this.methods.equals(that.methods);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.methods);
	}

	@Override
	public String toString() {
		return "ServiceDescriptor[" + this.name + ", " + this.methods.size() + " methods]";
	}

}
