package io.connectspring.server.reflection;

import io.connectspring.Code;
import io.connectspring.grpc.reflection.v1.ErrorResponse;
import io.connectspring.grpc.reflection.v1.ExtensionNumberResponse;
import io.connectspring.grpc.reflection.v1.ExtensionRequest;
import io.connectspring.grpc.reflection.v1.FileDescriptorResponse;
import io.connectspring.grpc.reflection.v1.ListServiceResponse;
import io.connectspring.grpc.reflection.v1.ServerReflectionRequest;
import io.connectspring.grpc.reflection.v1.ServerReflectionResponse;
import io.connectspring.grpc.reflection.v1.ServiceResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The schema of a set of served services, indexed to answer reflection requests: the service names, and every file
 * their descriptors lead to (their own files and everything those import) by name, by the symbols it declares, and by
 * the extensions it declares. Immutable, so safe to share between calls.
 */
final class ReflectionIndex {

	private final List<String> serviceNames;

	private final Map<String, FileDescriptor> filesByName = new LinkedHashMap<>();

	private final Map<String, FileDescriptor> filesBySymbol = new HashMap<>();

	private final Map<String, Map<Integer, FileDescriptor>> extensionsByType = new HashMap<>();

	/**
	 * Indexes the given services; those whose descriptor has no {@link io.connectspring.ServiceDescriptor#schema()
	 * schema} are listed by name only.
	 */
	ReflectionIndex(Collection<io.connectspring.ServiceDescriptor> services) {
		Set<String> names = new TreeSet<>();
		for (io.connectspring.ServiceDescriptor service : services) {
			names.add(service.name());
			Descriptors.ServiceDescriptor schema = service.schema();
			if (schema != null) {
				addFile(schema.getFile());
			}
		}
		this.serviceNames = List.copyOf(names);
	}

	private void addFile(FileDescriptor file) {
		if (this.filesByName.putIfAbsent(file.getName(), file) != null) {
			return;
		}
		for (Descriptor message : file.getMessageTypes()) {
			addMessage(message);
		}
		for (EnumDescriptor type : file.getEnumTypes()) {
			this.filesBySymbol.putIfAbsent(type.getFullName(), file);
		}
		for (FieldDescriptor extension : file.getExtensions()) {
			addExtension(extension);
		}
		for (Descriptors.ServiceDescriptor service : file.getServices()) {
			this.filesBySymbol.putIfAbsent(service.getFullName(), file);
			for (MethodDescriptor method : service.getMethods()) {
				this.filesBySymbol.putIfAbsent(method.getFullName(), file);
			}
		}
		file.getDependencies().forEach(this::addFile);
	}

	private void addMessage(Descriptor message) {
		this.filesBySymbol.putIfAbsent(message.getFullName(), message.getFile());
		message.getNestedTypes().forEach(this::addMessage);
		for (EnumDescriptor type : message.getEnumTypes()) {
			this.filesBySymbol.putIfAbsent(type.getFullName(), message.getFile());
		}
		message.getExtensions().forEach(this::addExtension);
	}

	private void addExtension(FieldDescriptor extension) {
		this.filesBySymbol.putIfAbsent(extension.getFullName(), extension.getFile());
		this.extensionsByType.computeIfAbsent(extension.getContainingType().getFullName(), (type) -> new HashMap<>())
			.putIfAbsent(extension.getNumber(), extension.getFile());
	}

	/** Answers one request; a question about something unknown gets an error response, never an exception. */
	ServerReflectionResponse answer(ServerReflectionRequest request) {
		ServerReflectionResponse.Builder response = ServerReflectionResponse.newBuilder()
			.setValidHost(request.getHost())
			.setOriginalRequest(request);
		switch (request.getMessageRequestCase()) {
			case LIST_SERVICES -> response.setListServicesResponse(listServices());
			case FILE_BY_FILENAME -> files(response, this.filesByName.get(request.getFileByFilename()),
					"file " + request.getFileByFilename());
			case FILE_CONTAINING_SYMBOL -> files(response, this.filesBySymbol.get(request.getFileContainingSymbol()),
					"symbol " + request.getFileContainingSymbol());
			case FILE_CONTAINING_EXTENSION -> {
				ExtensionRequest extension = request.getFileContainingExtension();
				Map<Integer, FileDescriptor> extensions = this.extensionsByType.getOrDefault(
						extension.getContainingType(), Map.of());
				files(response, extensions.get(extension.getExtensionNumber()), "extension "
						+ extension.getExtensionNumber() + " of " + extension.getContainingType());
			}
			case ALL_EXTENSION_NUMBERS_OF_TYPE -> extensionNumbers(response, request.getAllExtensionNumbersOfType());
			default -> error(response, Code.INVALID_ARGUMENT, "request names no question");
		}
		return response.build();
	}

	private ListServiceResponse listServices() {
		ListServiceResponse.Builder list = ListServiceResponse.newBuilder();
		this.serviceNames.forEach((name) -> list.addService(ServiceResponse.newBuilder().setName(name)));
		return list.build();
	}

	/** Sets the file followed by every file it imports, directly or not, each once. */
	private static void files(ServerReflectionResponse.Builder response, @Nullable FileDescriptor file, String what) {
		if (file == null) {
			error(response, Code.NOT_FOUND, what + " not found");
			return;
		}
		Set<FileDescriptor> closure = new LinkedHashSet<>();
		collect(file, closure);
		FileDescriptorResponse.Builder files = FileDescriptorResponse.newBuilder();
		closure.forEach((each) -> files.addFileDescriptorProto(each.toProto().toByteString()));
		response.setFileDescriptorResponse(files);
	}

	private static void collect(FileDescriptor file, Set<FileDescriptor> closure) {
		if (closure.add(file)) {
			file.getDependencies().forEach((dependency) -> collect(dependency, closure));
		}
	}

	private void extensionNumbers(ServerReflectionResponse.Builder response, String type) {
		if (!this.filesBySymbol.containsKey(type)) {
			error(response, Code.NOT_FOUND, "type " + type + " not found");
			return;
		}
		List<Integer> numbers = new ArrayList<>(this.extensionsByType.getOrDefault(type, Map.of()).keySet());
		numbers.sort(null);
		response.setAllExtensionNumbersResponse(
				ExtensionNumberResponse.newBuilder().setBaseTypeName(type).addAllExtensionNumber(numbers));
	}

	private static void error(ServerReflectionResponse.Builder response, Code code, String message) {
		response.setErrorResponse(ErrorResponse.newBuilder().setErrorCode(code.number()).setErrorMessage(message));
	}

}
