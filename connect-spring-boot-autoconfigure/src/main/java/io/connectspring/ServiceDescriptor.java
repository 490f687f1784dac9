package io.connectspring;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Describes a service: its fully qualified name and its procedures, in the order of the {@code .proto} file.
 * Generated code holds one instance per service.
 *
 * @param name the fully qualified Protobuf name, such as {@code greet.v1.GreetService}
 * @param methods the service's procedures
 */
public record ServiceDescriptor(String name, List<MethodDescriptor<?, ?>> methods) {

	public ServiceDescriptor {
		methods = List.copyOf(methods);
		for (MethodDescriptor<?, ?> method : methods) {
			if (!method.serviceName().equals(name)) {
				throw new IllegalArgumentException(
						"Method " + method.procedure() + " does not belong to service " + name);
			}
		}
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
