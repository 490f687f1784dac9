package io.connectspring;

import java.util.List;

import com.google.protobuf.Descriptors;
import org.jspecify.annotations.Nullable;

/**
 * Describes a service: its fully qualified name and its procedures, in the order of the {@code .proto} file.
 * Generated code holds one instance per service.
 *
 * @param name the fully qualified Protobuf name, such as {@code greet.v1.GreetService}
 * @param methods the service's procedures
 * @param schema the service's Protobuf descriptor, which leads to its {@code .proto} file and the files that file
 * imports (server reflection answers with them); {@code null} when the descriptor was written by hand without one
 */
public record ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods,
		Descriptors.@Nullable ServiceDescriptor schema) {

	public ServiceDescriptor {
		if (schema != null && !schema.getFullName().equals(name)) {
			throw new IllegalArgumentException(
					"Schema of service " + schema.getFullName() + " does not describe service " + name);
		}
		methods = List.copyOf(methods);
		for (MethodDescriptor<?, ?> method : methods) {
			if (!method.serviceName().equals(name)) {
				throw new IllegalArgumentException(
						"Method " + method.procedure() + " does not belong to service " + name);
			}
		}
	}

	/**
	 * Describes a service without its Protobuf descriptor, as code written before descriptors carried one did.
	 * @param name the fully qualified Protobuf name
	 * @param methods the service's procedures
	 */
	public ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods) {
		this(name, methods, null);
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

}
