package io.connectspring.boot.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.HashSet;
import java.util.Set;

import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Registers the generated Protobuf classes that protobuf-java reaches by reflection: the JSON format and the
 * descriptor-based accessors ({@code getField}, {@code setField}) look up each message's and builder's public
 * accessors by name, {@code newBuilder} of message-typed fields and {@code valueOf} of enums, and
 * {@code Any.unpack(Class)} calls {@code getDefaultInstance}. Starting from a few types, it follows every field to
 * the message and enum types it holds. Not thread-safe: one instance per AOT contribution.
 */
final class MessageHints {

	private final ReflectionHints hints;

	private final Set<Class<?>> seen = new HashSet<>();

	MessageHints(ReflectionHints hints) {
		this.hints = hints;
	}

	/**
	 * Registers every message and enum type that appears in the signature of a method of the given type (its
	 * parameters, return type and their generic arguments, such as {@code Flux<GreetResponse>}), and all they reach.
	 */
	void registerSignaturesOf(Class<?> type) {
		for (Method method : type.getMethods()) {
			registerSignature(method);
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				registerSignature(method);
			}
		}
	}

	/** Registers a message or enum type and every message and enum type its fields reach; ignores other types. */
	void register(Class<?> type) {
		if (!this.seen.add(type)) {
			return;
		}
		if (ProtocolMessageEnum.class.isAssignableFrom(type) && type.isEnum()) {
			this.hints.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
			return;
		}
		if (!Message.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
			return;
		}
		this.hints.registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
		Method newBuilder = ClassUtils.getStaticMethod(type, "newBuilder");
		if (newBuilder != null) {
			this.hints.registerType(newBuilder.getReturnType(), MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		// A field's type shows in its accessors: get<Name>() for singular fields, get<Name>List() for repeated ones,
		// get<Name>Map() for maps.
		for (Method method : type.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
				registerAll(ResolvableType.forMethodReturnType(method));
			}
		}
	}

	private void registerSignature(Method method) {
		if (method.isSynthetic() || method.isBridge() || method.getDeclaringClass() == Object.class) {
			return;
		}
		registerAll(ResolvableType.forMethodReturnType(method));
		for (int i = 0; i < method.getParameterCount(); i++) {
			registerAll(ResolvableType.forMethodParameter(method, i));
		}
	}

	private void registerAll(ResolvableType type) {
		Class<?> resolved = type.resolve();
		if (resolved != null) {
			if (resolved.isArray()) {
				registerAll(type.getComponentType());
				return;
			}
			register(resolved);
		}
		// Only the arguments written in the signature (Flux<GreetResponse>): a type variable's bound can name itself
		// (T extends Comparable<T>), and a plain class's own type parameters are no message types.
		if (type.getType() instanceof ParameterizedType) {
			for (ResolvableType generic : type.getGenerics()) {
				registerAll(generic);
			}
		}
	}

}
