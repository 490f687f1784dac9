package io.connectspring.internal.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTests {

	@Test
	void mediaTypeDropsParametersAndCase() {
		assertThat(ContentTypes.mediaType("Application/GRPC+Proto ; charset=utf-8"))
			.isEqualTo("application/grpc+proto");
	}

	@Test
	void mediaTypeOfNoContentTypeIsEmpty() {
		assertThat(ContentTypes.mediaType(null)).isEmpty();
	}

	@Test
	void codecNamesCompleteThePrefixes() {
		assertThat(ContentTypes.CONNECT_UNARY_PREFIX + "proto").isEqualTo("application/proto");
		assertThat(ContentTypes.CONNECT_STREAMING_PREFIX + "json").isEqualTo("application/connect+json");
		assertThat(ContentTypes.GRPC_WEB + "+proto").isEqualTo("application/grpc-web+proto");
	}

}
