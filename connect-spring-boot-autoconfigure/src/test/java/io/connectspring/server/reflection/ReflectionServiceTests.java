package io.connectspring.server.reflection;

import io.connectspring.Code;
import io.connectspring.ServiceDescriptor;
import io.connectspring.fixtures.EchoService;
import io.connectspring.grpc.health.v1.HealthConnect;
import io.connectspring.grpc.reflection.v1.ExtensionRequest;
import io.connectspring.grpc.reflection.v1.ServerReflectionRequest;
import io.connectspring.grpc.reflection.v1.ServerReflectionResponse;
import io.connectspring.grpc.reflection.v1.ServiceResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WrappersProto;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ReflectionServiceTests {

	/** shop/v1/shop.proto: a proto2 file importing the wrappers, with a service, a nested type and an extension. */
	private static final Descriptors.FileDescriptor SHOP = shopFile();

	private static final ServiceDescriptor SHOP_SERVICE = new ServiceDescriptor("shop.v1.ShopService", List.of(),
			SHOP.findServiceByName("ShopService"));

	private final ReflectionService reflection = new ReflectionService(
			() -> List.of(SHOP_SERVICE, HealthConnect.DESCRIPTOR, EchoService.DESCRIPTOR));

	@Test
	void listServicesNamesEveryServiceSortedIncludingThoseWithoutSchema() {
		ServerReflectionResponse response = answer(ServerReflectionRequest.newBuilder().setListServices("*"));
		assertThat(response.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
			.containsExactly("grpc.health.v1.Health", "shop.v1.ShopService", "test.v1.EchoService");
	}

	@Test
	void fileContainingSymbolReturnsTheFileFirstThenItsImports() throws Exception {
		for (String symbol : List.of("shop.v1.ShopService", "shop.v1.ShopService.Buy", "shop.v1.Order",
				"shop.v1.Order.Line", "shop.v1.note")) {
			ServerReflectionResponse response = answer(
					ServerReflectionRequest.newBuilder().setHost("h").setFileContainingSymbol(symbol));
			assertThat(response.getValidHost()).isEqualTo("h");
			assertThat(response.getOriginalRequest().getFileContainingSymbol()).isEqualTo(symbol);
			assertThat(fileNames(response)).as(symbol)
				.containsExactly("shop/v1/shop.proto", "google/protobuf/wrappers.proto");
		}
	}

	@Test
	void filesAreTheSerializedDescriptorsOfTheServedSchema() throws Exception {
		ServerReflectionResponse response = answer(
				ServerReflectionRequest.newBuilder().setFileByFilename("shop/v1/shop.proto"));
		FileDescriptorProto file = FileDescriptorProto
			.parseFrom(response.getFileDescriptorResponse().getFileDescriptorProto(0));
		assertThat(file).isEqualTo(SHOP.toProto());
	}

	@Test
	void fileByFilenameFindsImportedFilesToo() throws Exception {
		ServerReflectionResponse response = answer(
				ServerReflectionRequest.newBuilder().setFileByFilename("google/protobuf/wrappers.proto"));
		assertThat(fileNames(response)).containsExactly("google/protobuf/wrappers.proto");
		assertThat(fileNames(
				answer(ServerReflectionRequest.newBuilder().setFileContainingSymbol("google.protobuf.StringValue"))))
			.containsExactly("google/protobuf/wrappers.proto");
	}

	@Test
	void unknownSymbolFileAndExtensionGetNotFoundErrors() {
		List<ServerReflectionRequest.Builder> requests = List.of(
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("shop.v1.Nope"),
				ServerReflectionRequest.newBuilder().setFileByFilename("nope.proto"),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("test.v1.EchoService"),
				ServerReflectionRequest.newBuilder()
					.setFileContainingExtension(
							ExtensionRequest.newBuilder().setContainingType("shop.v1.Order").setExtensionNumber(7)),
				ServerReflectionRequest.newBuilder().setAllExtensionNumbersOfType("shop.v1.Nope"));
		for (ServerReflectionRequest.Builder request : requests) {
			ServerReflectionResponse response = answer(request);
			assertThat(response.getErrorResponse().getErrorCode()).as(request.toString())
				.isEqualTo(Code.NOT_FOUND.number());
			assertThat(response.getErrorResponse().getErrorMessage()).contains("not found");
		}
	}

	@Test
	void requestWithoutAQuestionGetsInvalidArgument() {
		ServerReflectionResponse response = answer(ServerReflectionRequest.newBuilder().setHost("h"));
		assertThat(response.getErrorResponse().getErrorCode()).isEqualTo(Code.INVALID_ARGUMENT.number());
	}

	@Test
	void extensionsAreFoundByExtendedTypeAndNumber() throws Exception {
		ServerReflectionResponse file = answer(ServerReflectionRequest.newBuilder()
			.setFileContainingExtension(
					ExtensionRequest.newBuilder().setContainingType("shop.v1.Order").setExtensionNumber(100)));
		assertThat(fileNames(file)).startsWith("shop/v1/shop.proto");
		ServerReflectionResponse numbers = answer(
				ServerReflectionRequest.newBuilder().setAllExtensionNumbersOfType("shop.v1.Order"));
		assertThat(numbers.getAllExtensionNumbersResponse().getBaseTypeName()).isEqualTo("shop.v1.Order");
		assertThat(numbers.getAllExtensionNumbersResponse().getExtensionNumberList()).containsExactly(100);
		ServerReflectionResponse none = answer(
				ServerReflectionRequest.newBuilder().setAllExtensionNumbersOfType("shop.v1.Order.Line"));
		assertThat(none.getAllExtensionNumbersResponse().getExtensionNumberList()).isEmpty();
	}

	@Test
	void streamAnswersEachRequestInOrderAndReadsTheServicesOnce() {
		AtomicInteger reads = new AtomicInteger();
		ReflectionService counted = new ReflectionService(() -> {
			reads.incrementAndGet();
			return List.of(SHOP_SERVICE);
		});
		assertThat(reads).hasValue(0);
		Flux<ServerReflectionRequest> requests = Flux.just(
				ServerReflectionRequest.newBuilder().setListServices("").build(),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("nope").build(),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("shop.v1.Order").build());
		StepVerifier.create(counted.serverReflectionInfo(requests, null))
			.assertNext((response) -> assertThat(response.hasListServicesResponse()).isTrue())
			.assertNext((response) -> assertThat(response.hasErrorResponse()).isTrue())
			.assertNext((response) -> assertThat(response.hasFileDescriptorResponse()).isTrue())
			.verifyComplete();
		assertThat(reads).hasValue(1);
	}

	@Test
	void v1alphaGivesTheSameAnswersInItsOwnMessages() {
		ReflectionV1AlphaService alpha = new ReflectionV1AlphaService(this.reflection);
		Flux<io.connectspring.grpc.reflection.v1alpha.ServerReflectionRequest> requests = Flux.just(
				io.connectspring.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
					.setHost("h")
					.setFileContainingSymbol("shop.v1.ShopService")
					.build());
		StepVerifier.create(alpha.serverReflectionInfo(requests, null)).assertNext((response) -> {
			assertThat(response.getValidHost()).isEqualTo("h");
			assertThat(response.getOriginalRequest().getFileContainingSymbol()).isEqualTo("shop.v1.ShopService");
			assertThat(response.getFileDescriptorResponse().getFileDescriptorProtoCount()).isEqualTo(2);
		}).verifyComplete();
	}

	private ServerReflectionResponse answer(ServerReflectionRequest.Builder request) {
		return this.reflection.answer(request.build());
	}

	private static List<String> fileNames(ServerReflectionResponse response) throws InvalidProtocolBufferException {
		List<String> names = new ArrayList<>();
		for (ByteString file : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
			names.add(FileDescriptorProto.parseFrom(file).getName());
		}
		return names;
	}

	private static Descriptors.FileDescriptor shopFile() {
		FieldDescriptorProto.Builder lineSku = FieldDescriptorProto.newBuilder()
			.setName("sku")
			.setNumber(1)
			.setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
			.setType(FieldDescriptorProto.Type.TYPE_STRING);
		DescriptorProto order = DescriptorProto.newBuilder()
			.setName("Order")
			.addNestedType(DescriptorProto.newBuilder().setName("Line").addField(lineSku))
			.addExtensionRange(DescriptorProto.ExtensionRange.newBuilder().setStart(100).setEnd(200))
			.build();
		FileDescriptorProto file = FileDescriptorProto.newBuilder()
			.setName("shop/v1/shop.proto")
			.setPackage("shop.v1")
			.addDependency("google/protobuf/wrappers.proto")
			.addMessageType(order)
			.addExtension(FieldDescriptorProto.newBuilder()
				.setName("note")
				.setNumber(100)
				.setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
				.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
				.setTypeName(".google.protobuf.StringValue")
				.setExtendee(".shop.v1.Order"))
			.addService(ServiceDescriptorProto.newBuilder()
				.setName("ShopService")
				.addMethod(MethodDescriptorProto.newBuilder()
					.setName("Buy")
					.setInputType(".shop.v1.Order")
					.setOutputType(".google.protobuf.StringValue")))
			.build();
		try {
			return Descriptors.FileDescriptor.buildFrom(file,
					new Descriptors.FileDescriptor[] { WrappersProto.getDescriptor() });
		}
		catch (DescriptorValidationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
